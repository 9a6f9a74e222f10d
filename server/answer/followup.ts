/**
 * @module server/answer/followup
 * Extractive mode's follow-ups: "And what about fraudulent documents?" after a Prague 1997 question stays
 * in Prague 1997. A follow-up that names no document inherits the documents of the latest earlier question
 * that named some; one with no topic of its own also inherits that question's topic.
 */
import { analyse } from '../../ingest/index/terms.js';
import type { DocumentId } from '../../ingest/types.js';
import type { ChatTurn } from './types.js';

export interface CarriedQuestion {
  /** What to search for. */
  query: string;
  /** Documents carried from earlier turns, or null. */
  documents: DocumentId[] | null;
}

// Openings that mark a question as continuing the conversation rather than starting a new one.
const CONTINUATION =
  /^\s*(and|also|but|so|then|what about|how about|what of|and what|and how|same for|in that case|does it|do they|is it|are they|was it|were they)\b/i;
const ANAPHORA = /\b(it|they|them|this|that|these|those|there|its|their|the same|above|mentioned)\b/i;

export function isFollowUp(question: string): boolean {
  if (CONTINUATION.test(question)) return true;
  return analyse(question).length <= 4 && ANAPHORA.test(question);
}

export function carryForward(
  question: string,
  history: readonly ChatTurn[],
  resolve: (text: string) => DocumentId[],
): CarriedQuestion {
  const earlier = history
    .filter((t) => t.role === 'user')
    .map((t) => t.content)
    .reverse();
  if (earlier.length === 0 || resolve(question).length > 0 || !isFollowUp(question)) {
    return { query: question, documents: null };
  }
  const named = earlier.find((q) => resolve(q).length > 0);
  const documents = named ? resolve(named) : null;
  const ownTopic = analyse(question).length > 0;
  return { query: ownTopic ? question : `${earlier[0]} ${question}`, documents };
}
