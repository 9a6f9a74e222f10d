/**
 * @module server/answer/types
 * The /api/chat contract, shared by the LLM and extractive writers, the SSE stream, the OpenAI-compatible
 * endpoint, the eval command and the typed client.
 */
import type { DocumentId, UnitId } from '../../core/types.js';

export type ChatRole = 'user' | 'assistant';

export interface ChatTurn {
  role: ChatRole;
  content: string;
}

export type AnswerMode = 'llm' | 'extractive';

export interface ChatRequest {
  question: string;
  history?: ChatTurn[];
  documents?: DocumentId[];
  mode?: 'auto' | AnswerMode;
}

export interface Citation {
  /** The [n] marker in the answer; numbered in order of first appearance. */
  n: number;
  id: UnitId;
  documentId: DocumentId;
  documentTitle: string;
  label: string;
  section: string;
  /** Verbatim excerpt of `text`: the sentence(s) that best support the claim citing it. */
  quote: string;
  /** The whole unit. */
  text: string;
  page: number | null;
  /** Link into the document view, e.g. /documents/prague-1997#rec-18. */
  url: string;
  /** The citation in policy form: "Prague 1997 Recommendations (14 Oct 1997), Recommendation 18". */
  reference: string;
  /** `url` made absolute with the PUBLIC_URL setting; absent when PUBLIC_URL is not set. */
  link?: string;
  /** False when a quote or claim attributed to this unit failed its check (LLM answers); see `problem`. */
  valid: boolean;
  /** Why the citation is not valid, in plain words; present only when `valid` is false. */
  problem?: string;
}

/** What an answer's flag is about. */
export type AnswerFlagCode = 'QUOTE_NOT_IN_SOURCE' | 'UNIT_NOT_CITED' | 'WEAK_SUPPORT' | 'SPECIFIC_NOT_STATED';

/** A part of an answer that did not pass a check, and why; shown to the reader, never as verified. */
export interface AnswerFlag {
  code: AnswerFlagCode;
  /** The sentence or quoted span as it appears in the answer. */
  text: string;
  /** Plain words. */
  reason: string;
  /** The [n] markers concerned. */
  citations: number[];
}

/** A passage shown as a near miss when the answer is declined; never a citation of a claim. */
export interface ClosestMatch {
  id: UnitId;
  documentId: DocumentId;
  documentTitle: string;
  label: string;
  text: string;
  url: string;
  score: number;
}

export interface ChatReply {
  answer: string;
  citations: Citation[];
  grounded: boolean;
  mode: AnswerMode;
  notice?: string;
  closestMatches?: ClosestMatch[];
  /** The flagged sentences of an LLM answer (whatever the flag), in answer order. */
  unsupported?: string[];
  /** Quotes not in their source, units named but not cited, weakly supported sentences (LLM answers), and a
   * specific the documents do not state (offline answers). */
  flags?: AnswerFlag[];
  /** The standalone question actually searched (after follow-up condensing). */
  standaloneQuestion?: string;
  /** The index that answered: its corpus fingerprint (set by the HTTP layer), to re-verify a stored answer. */
  indexBuild?: string;
}

/** Receives the answer text as it is written (SSE `token` events). */
export type TokenSink = (token: string) => void;
