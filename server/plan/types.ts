/**
 * @module server/plan/types
 * What the question plan tells the later stages: what is asked (intent), what kind of answer would fit, the
 * topic with request and document words removed, and which documents and units the question is about.
 */
import type { DocumentId } from '../../core/types.js';
import type { QueryReading } from '../retrieve/types.js';

/** What the person wants done with the topic. */
export type Intent =
  'lookup' | 'yesno' | 'enumeration' | 'summary' | 'comparison' | 'timeline' | 'overview' | 'reference' | 'smalltalk';

/** The kind of fact an answer must contain to answer the question. */
export type AnswerKind = 'amount' | 'count' | 'date' | 'place' | 'body' | 'list' | 'yesno' | 'text';

export const INTENTS: readonly Intent[] = [
  'lookup',
  'yesno',
  'enumeration',
  'summary',
  'comparison',
  'timeline',
  'overview',
  'reference',
  'smalltalk',
];
export const ANSWER_KINDS: readonly AnswerKind[] = [
  'amount',
  'count',
  'date',
  'place',
  'body',
  'list',
  'yesno',
  'text',
];

/** How a follow-up was read from the conversation. */
export interface FollowUp {
  /** What was taken from earlier turns. */
  carried: 'nothing' | 'scope' | 'topic' | 'topic-and-scope' | 'unit';
  /** The earlier text the topic came from, when carried. */
  from?: string;
}

export interface QueryPlan {
  /** The question as asked. */
  question: string;
  /** The question made standalone (follow-ups resolved), request words kept: what /api/search would be given. */
  standalone: string;
  /** What retrieval searches for: the standalone question without request words ("summarise … with citations"). */
  retrievalText: string;
  intent: Intent;
  answerKind: AnswerKind;
  /** Documents the answer is restricted to (the caller's, named in the question, or carried); null = all. */
  scope: DocumentId[] | null;
  /** The question asks about several or all documents ("across all five documents", "compare 1997 and 2009"):
   * each document with a relevant unit should be heard. */
  acrossDocuments: boolean;
  followUp: FollowUp;
  /** The retrieval text read once (spelling, named documents and units, concepts, expansion) with the
   * documents to search: what the retriever, the evidence check and the writers take. */
  reading: QueryReading;
}
