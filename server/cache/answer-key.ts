/**
 * @module server/cache/answer-key
 * What makes two chat requests the same question for the answer cache: the question and the history (in
 * Unicode NFKC, runs of whitespace as one space, trimmed), the document scope (as a set), the mode asked for,
 * what writes the answer (the chat model and its server, or the offline writer) and the index build in service.
 * Case is kept: the planner reads "IOM" and "iom" differently (acronyms are never spell-corrected). The build
 * id leads the key, so an answer from one index build can never be served by another.
 */
import { createHash } from 'node:crypto';
import type { ChatRequest } from '../answer/types.js';

export interface AnswerKeyContext {
  /** The index in service: its corpus fingerprint. */
  indexBuild: string;
  /** Who writes the answer: `llm:<base URL>:<model>`, or `extractive`. */
  writer: string;
}

/** The form of a text two requests must share to be the same question. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

export const ANSWER_KEY_PREFIX = 'bp:answer:v1:';

export function answerCacheKey(request: ChatRequest, context: AnswerKeyContext): string {
  const identity = {
    question: normaliseText(request.question),
    history: (request.history ?? []).map((turn) => [turn.role, normaliseText(turn.content)]),
    documents: request.documents?.length ? [...new Set(request.documents)].sort() : null,
    mode: request.mode ?? 'auto',
    writer: context.writer,
  };
  const digest = createHash('sha256').update(JSON.stringify(identity)).digest('base64url');
  return `${ANSWER_KEY_PREFIX}${context.indexBuild}:${digest}`;
}
