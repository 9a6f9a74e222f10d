/**
 * @module ingest/embed/local/local-embedder
 * The default, fully offline embedder: SIF over GloVe 100-d word vectors from the local binary cache.
 * Nothing is downloaded; the first use converts the installed wink JSON once (see vector-cache.ts).
 */
import { Embeddings } from '@langchain/core/embeddings';
import type { TextEmbedder } from '../types.js';
import { fitSifState, initialSifState, parseSifState, SifEncoder, type FitOptions, type SifState } from './sif.js';
import { DEFAULT_VOCABULARY_SIZE, openWordVectors, type VectorCacheOptions, type WordVectors } from './vector-cache.js';

/** Bump the @version whenever the same text would embed differently (tokenizer, weights, vocabulary). */
export const LOCAL_EMBEDDER_ID = 'local-sif-glove100@1';

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
    return fitSifState(this.vectors, texts, options);
  }

  /** The same word vectors with another state: cheap, nothing is reloaded. */
  withState(state: unknown): LocalSifEmbedder {
    const parsed = parseSifState(state, this.vectors.dims) ?? initialSifState();
    return new LocalSifEmbedder(this.vectors, parsed, this.vocabularySize);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.encoder.embed(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.encoder.embed(text);
  }
}
