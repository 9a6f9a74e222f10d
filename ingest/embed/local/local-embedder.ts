/**
 * @module ingest/embed/local/local-embedder
 * The default, fully offline embedder: SIF over GloVe 100-d word vectors from the local binary cache.
 * Nothing is downloaded; the first use converts the installed wink JSON once (see vector-cache.ts).
 */
import { Embeddings } from '@langchain/core/embeddings';
import type { TextEmbedder } from '../types.js';
import { fitSifStateWithRows, initialSifState, parseSifState, SifEncoder, type FitOptions, type SifState } from './sif.js';
import { DEFAULT_VOCABULARY_SIZE, openWordVectors, type VectorCacheOptions, type WordVectors } from './vector-cache.js';

/** Bump the @version whenever the same text would embed differently (tokenizer, weights, vocabulary). */
export const LOCAL_EMBEDDER_ID = 'local-sif-glove100@1';

/**
 * The vocabulary rows a fit resolved, keyed by the very array of texts it was given. Ingest fits on its chunk
 * texts and then embeds that same array with the fitted embedder; tokenizing and resolving 100k texts a
 * second time cost ~4 s. Weak keys: the rows go when the caller drops its array. `texts` is a snapshot, so a
 * caller that changed the array in between gets its texts tokenized afresh, never stale rows.
 */
const fittedRows = new WeakMap<readonly string[], { vectors: WordVectors; texts: string[]; rows: Int32Array[] }>();

function reusableRows(texts: readonly string[], vectors: WordVectors): Int32Array[] | null {
  const entry = fittedRows.get(texts);
  if (!entry || entry.vectors !== vectors || entry.texts.length !== texts.length) return null;
  for (let i = 0; i < texts.length; i++) if (entry.texts[i] !== texts[i]) return null;
  return entry.rows;
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
    const { state, rows } = fitSifStateWithRows(this.vectors, texts, options);
    fittedRows.set(texts, { vectors: this.vectors, texts: [...texts], rows });
    return state;
  }

  /** The same word vectors with another state: cheap, nothing is reloaded. */
  withState(state: unknown): LocalSifEmbedder {
    const parsed = parseSifState(state, this.vectors.dims) ?? initialSifState();
    return new LocalSifEmbedder(this.vectors, parsed, this.vocabularySize);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const rows = reusableRows(texts, this.vectors);
    if (rows) return rows.map((r) => this.encoder.embedRows(r));
    return texts.map((t) => this.encoder.embed(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.encoder.embed(text);
  }
}
