/**
 * @module core/embed/local/local-embedder
 * The default, fully offline embedder: SIF over GloVe 100-d word vectors from the local binary cache.
 * Nothing is downloaded; the first use converts the installed wink JSON once (see vector-cache.ts).
 */
import { Embeddings } from '@langchain/core/embeddings';
import type { TextEmbedder } from '../types.js';
import {
  fitSifStateWithSums,
  initialSifState,
  parseSifState,
  sameWeights,
  SifEncoder,
  type FitOptions,
  type SifState,
} from './sif.js';
import { DEFAULT_VOCABULARY_SIZE, openWordVectors, type VectorCacheOptions, type WordVectors } from './vector-cache.js';

/** Bump the @version whenever the same text would embed differently (tokenizer, weights, vocabulary). */
export const LOCAL_EMBEDDER_ID = 'local-sif-glove100@1';

/**
 * The weighted sums a fit made, keyed by the very array of texts it was given. Ingest fits on its chunk texts
 * and then embeds that same array with the fitted embedder; tokenizing and summing 100k texts again cost
 * ~5 s. Weak keys, and taken once: the sums go when used or when the caller drops its array. `texts` is a
 * snapshot, so a caller that changed the array in between gets its texts embedded afresh, never stale sums.
 */
const fittedSums = new WeakMap<
  readonly string[],
  { vectors: WordVectors; state: SifState; texts: string[]; sums: (Float64Array | null)[] }
>();

function takeFittedSums(
  texts: readonly string[],
  vectors: WordVectors,
  state: SifState,
): (Float64Array | null)[] | null {
  const entry = fittedSums.get(texts);
  if (!entry) return null;
  fittedSums.delete(texts);
  if (entry.vectors !== vectors || entry.texts.length !== texts.length || !sameWeights(entry.state, state)) return null;
  for (let i = 0; i < texts.length; i++) if (entry.texts[i] !== texts[i]) return null;
  return entry.sums;
}

export interface LocalEmbedderOptions extends VectorCacheOptions {
  /** A state from `fit`, as saved with the index; absent = plain SIF weights, no component removed. */
  state?: unknown;
}

export class LocalSifEmbedder extends Embeddings implements TextEmbedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly encoder: SifEncoder;

  private constructor(
    private readonly vectors: WordVectors,
    readonly state: SifState,
    private readonly vocabularySize: number,
  ) {
    super({});
    this.dimensions = vectors.dims;
    this.encoder = new SifEncoder(vectors, state);
    this.id =
      vocabularySize === DEFAULT_VOCABULARY_SIZE
        ? LOCAL_EMBEDDER_ID
        : LOCAL_EMBEDDER_ID.replace('@', `-${vocabularySize}@`);
  }

  /** Throws IndexError INDEX_INCOMPATIBLE if `state` is not a valid saved state. */
  static async open(options: LocalEmbedderOptions): Promise<LocalSifEmbedder> {
    const vectors = await openWordVectors(options);
    const state = parseSifState(options.state, vectors.dims) ?? initialSifState();
    return new LocalSifEmbedder(vectors, state, options.vocabularySize ?? DEFAULT_VOCABULARY_SIZE);
  }

  /** The state for this corpus; embed with `withState(state)` (or reopen with it) afterwards. */
  fit(texts: readonly string[], options?: FitOptions): SifState {
    const { state, sums } = fitSifStateWithSums(this.vectors, texts, options);
    fittedSums.set(texts, { vectors: this.vectors, state, texts: [...texts], sums });
    return state;
  }

  /** The same word vectors with another state: cheap, nothing is reloaded. */
  withState(state: unknown): LocalSifEmbedder {
    const parsed = parseSifState(state, this.vectors.dims) ?? initialSifState();
    return new LocalSifEmbedder(this.vectors, parsed, this.vocabularySize);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const sums = takeFittedSums(texts, this.vectors, this.state);
    if (sums) return sums.map((sum) => this.encoder.finish(sum));
    return texts.map((t) => this.encoder.embed(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.encoder.embed(text);
  }

  isKnownWord(word: string): boolean {
    return this.vectors.rowOfWord(word) >= 0;
  }

  wordVector(word: string): Float32Array | null {
    return this.vectors.vector(word);
  }

  wordRank(word: string): number | null {
    const row = this.vectors.rowOfWord(word);
    return row < 0 ? null : this.vectors.rankAt(row);
  }
}
