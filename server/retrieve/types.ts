/**
 * @module server/retrieve/types
 * What retrieval takes and gives back; the answer stage and the HTTP routes depend only on this.
 */
import type { DocumentId, DocumentMeta, Unit } from '../../core/types.js';
import type { Bridge } from './bridges.js';
import type { UnitReference } from './reference.js';
import type { Correction } from './spelling.js';
import type { Concept } from './term-stats.js';

export interface SearchRequest {
  query: string;
  /** 1–50, default 8. */
  k?: number;
  /** Restrict to these documents; when absent, documents named in the query are used. */
  documents?: DocumentId[];
}

/** What a query is read with. */
export interface ReadRequest {
  query: string;
  /** Search these documents whatever the query names (the caller's restriction). */
  documents?: DocumentId[];
  /** Search these when the query names no document and `documents` is absent: a scope carried from earlier
   * turns, or every document when each must be heard. */
  otherwise?: DocumentId[];
  /** Documents searched with a named one (a history that recounts it), by the named document's id. */
  companions?: ReadonlyMap<DocumentId, readonly DocumentId[]>;
}

/** A query as read once (read-query.ts): what every later stage needs to know of its words. */
export interface QueryReading {
  /** The query as searched: misspelt words read as the documents' own. */
  query: string;
  /** The words read differently, in the order written; empty when none were. */
  corrections: Correction[];
  /** Documents the query names ("Prague 1997", "the 2009 declaration"). */
  named: DocumentId[];
  /** The query without the words that named documents, or the query when it named none. */
  topic: string;
  /** The topic's index terms. */
  topicTerms: string[];
  /** Documents searched: the caller's, else those named (with their companions); null = all. */
  scope: DocumentId[] | null;
  /** Documents in the scope only as companions of named ones: heard, but ranked below the named. */
  companions: DocumentId[];
  /** Units the query names by number ("Recommendation 18"), as written. */
  references: UnitReference[];
  /** Those of them that exist in the scope, in the order named. */
  referenced: Unit[];
  /** The topic's ideas, as the re-rank and the evidence check weigh them. */
  concepts: Concept[];
  /** Glossary phrases equivalent to phrases of the topic ("carriers" for "airlines"). */
  expansion: string[];
  /** Years the query names ("in 2024") that no unit of the corpus mentions: the documents cannot say what
   * happened then. */
  unmentionedYears: string[];
  /** Years the query names that come after the newest document's year ("at the 2024 conference", the newest
   * being from 2023): the documents can speak of them only as ahead. */
  laterYears: string[];
  /** For topic words the corpus never uses: related corpus terms (WordNet, word vectors) and their weights. */
  bridges: ReadonlyMap<string, readonly Bridge[]>;
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
  /** Those of the scope searched only as companions of named documents (QueryReading.companions). */
  companions: DocumentId[];
  /** Set when the query named an exact unit ("Recommendation 18 of Prague 1997"). */
  reference: Unit | null;
  /** Set when the query named documents and nothing else ("What is the Call for Action about?"): the hits
   * are then the documents' opening units, in reading order. */
  overview: boolean;
}

export type RetrievalMethod = 'hybrid' | 'lexical' | 'vector';

export interface Retriever {
  /** Reads a query once: spelling, named documents and units, concepts, expansion (read-query.ts). */
  read(request: ReadRequest): QueryReading;
  /** Searches a reading already made: the answerer reads each question once, in its plan. */
  searchReading(reading: QueryReading, k?: number, method?: RetrievalMethod): Promise<SearchResult>;
  /** read, then searchReading. */
  search(request: SearchRequest, method?: RetrievalMethod): Promise<SearchResult>;
}
