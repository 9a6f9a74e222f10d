/**
 * @module server/retrieve/types
 * What retrieval takes and gives back; the answer stage and the HTTP routes depend only on this.
 */
import type { DocumentId, DocumentMeta, Unit } from '../../core/types.js';
import type { Correction } from './spelling.js';
import type { Concept } from './term-stats.js';

export interface SearchRequest {
  query: string;
  /** 1–50, default 8. */
  k?: number;
  /** Restrict to these documents; when absent, documents named in the query are used. */
  documents?: DocumentId[];
}

export interface SearchHit {
  unit: Unit;
  document: DocumentMeta;
  /** Fused score in [0, 1]; higher is better. */
  score: number;
  /** Component scores, for evaluation and debugging. */
  lexical: number;
  vector: number;
  /** True when the query named this unit exactly ("Recommendation 18"). */
  referenced: boolean;
}

export interface SearchResult {
  hits: SearchHit[];
  /** The topic's concepts, as the re-rank weighed them: what the evidence check measures coverage of. */
  concepts: Concept[];
  /** The query as searched: the request's, with misspelt words read as the documents' own. */
  query: string;
  /** The words read differently, in the order written; empty when none were. */
  corrections: Correction[];
  /** The query without the words that named documents ("Prague 1997"), or the query when it named none. */
  topic: string;
  /** Documents the search was restricted to (by the caller or by names in the query); null = all. */
  scope: DocumentId[] | null;
  /** Set when the query named an exact unit ("Recommendation 18 of Prague 1997"). */
  reference: Unit | null;
  /** Set when the query named documents and nothing else ("What is the Call for Action about?"): the hits
   * are then the documents' opening units, in reading order. */
  overview: boolean;
}

export type RetrievalMethod = 'hybrid' | 'lexical' | 'vector';

export interface Retriever {
  search(request: SearchRequest, method?: RetrievalMethod): Promise<SearchResult>;
}
