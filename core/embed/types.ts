/**
 * @module core/embed/types
 * The contract every embedder meets, so that ingest and retrieval never depend on a provider.
 */
import type { Embeddings } from '@langchain/core/embeddings';

/**
 * A LangChain `Embeddings` (so it plugs into LangChain vector stores) that also names itself and its
 * width. Every vector it returns has length `dimensions`, unit L2 norm and no NaN, so cosine similarity
 * is a plain dot product and never divides by zero.
 */
export interface TextEmbedder extends Embeddings {
  /**
   * Identifies the vector space, e.g. `local-sif-glove100@1` or `openai:text-embedding-3-small`.
   * Vectors from embedders with different ids must never be compared: the index records it and
   * refuses a mismatch.
   */
  readonly id: string;
  readonly dimensions: number;
  /**
   * Present on embedders that adapt to the corpus: returns a JSON-serialisable state, saved with the
   * index and passed back to `createEmbedder(config, state)` so that queries are embedded the same way
   * as the chunks were.
   */
  fit?(texts: readonly string[]): unknown;
  /**
   * Present on embedders with a vocabulary of their own (the offline word vectors): whether a lower-case
   * word is in it. The retriever uses it to tell a misspelling from a real word the documents do not use.
   */
  isKnownWord?(word: string): boolean;
  /**
   * Present on embedders with word vectors of their own: a lower-case word's vector (any length; compared
   * by cosine), or null when the word is unknown. The retriever uses it to find the corpus's words nearest
   * to a word the corpus never uses ("jail" → "imprisonment").
   */
  wordVector?(word: string): Float32Array | null;
  /** With wordVector: how common a word is in the vectors' source, 0 for the most frequent; null if unknown. */
  wordRank?(word: string): number | null;
}
