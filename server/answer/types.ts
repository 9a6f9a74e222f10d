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
  valid: boolean;
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

/** A part of an answer that must not be read as verified, and why. */
export interface AnswerFlag {
  code: 'QUOTE_NOT_IN_SOURCE' | 'UNIT_NOT_CITED' | 'WEAK_SUPPORT' | 'SPECIFIC_NOT_STATED';
  /** The sentence or quoted span as it appears in `answer`. */
  text: string;
  /** Why, in plain words. */
  reason: string;
  /** The [n] markers concerned. */
  citations: number[];
}

export interface ChatReply {
  answer: string;
  citations: Citation[];
  grounded: boolean;
  mode: AnswerMode;
  notice?: string;
  closestMatches?: ClosestMatch[];
  /** Sentences of an LLM answer whose cited units do not appear to support them. */
  unsupported?: string[];
  /** Parts of the answer that must not be read as verified (see AnswerFlag). */
  flags?: AnswerFlag[];
  /** The standalone question actually searched (after follow-up condensing). */
  standaloneQuestion?: string;
  /** The index that answered: its corpus fingerprint (set by the HTTP layer), to re-verify a stored answer. */
  indexBuild?: string;
}

/** Receives the answer text as it is written (SSE `token` events). */
export type TokenSink = (token: string) => void;
