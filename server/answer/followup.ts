/**
 * @module server/answer/followup
 * Extractive mode's follow-ups: "And what about fraudulent documents?" after a Prague 1997 question stays
 * in Prague 1997. A follow-up that names no document inherits the documents of the latest earlier question
 * that named some; one with no topic of its own also inherits that question's topic.
 */
import { analyse } from '../../ingest/index/terms.js';
import type { DocumentId } from '../../ingest/types.js';
import { formatReference, parseReferences, stepReference } from '../retrieve/reference.js';
import type { ChatTurn } from './types.js';

export interface CarriedQuestion {
  /** What to search for. */
  query: string;
  /** Documents carried from earlier turns, or null. */
  documents: DocumentId[] | null;
}

// Openings that mark a question as continuing the conversation rather than starting a new one.
const CONTINUATION =
  /^\s*(?:and|also|but|so|then|what about|how about|what of|same for|in that case|does it|do they|did it|did they|has it|have they|is it|are they|was it|were they|does that|do these|do those)\b/i;
// "the next one", "the previous recommendation": a step from the unit the conversation was about.
const STEP = /\b(?:next|following|subsequent|previous|preceding|prior)\b|\bone (?:before|after)\b/i;
const ANAPHORA = /\b(?:it|they|them|this|that|these|those|there|its|their|the same|above|mentioned)\b/i;

export function isFollowUp(question: string): boolean {
  if (CONTINUATION.test(question)) return true;
  if (/\balso\b/i.test(question) && ANAPHORA.test(question)) return true;
  return analyse(question).length <= 4 && (ANAPHORA.test(question) || STEP.test(question));
}

/** "And the next one?" after a question about Recommendation 33 → "Recommendation 34", or null. */
function steppedReference(question: string, earlier: readonly string[]): string | null {
  const match = STEP.exec(question);
  if (!match || parseReferences(question).length > 0) return null;
  const backwards = /previous|preceding|prior|before/i.test(match[0]);
  for (const text of earlier) {
    const refs = parseReferences(text);
    if (refs.length === 0) continue;
    const stepped = stepReference(refs[refs.length - 1], backwards ? -1 : 1);
    return stepped ? formatReference(stepped) : null;
  }
  return null;
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
  let documents: DocumentId[] | null = null;
  for (const q of earlier) {
    const found = resolve(q);
    if (found.length > 0) {
      documents = found;
      break;
    }
  }
  const stepped = steppedReference(question, earlier);
  if (stepped) return { query: stepped, documents };
  const ownTopic = analyse(question).length > 0;
  return { query: ownTopic ? question : `${earlier[0]} ${question}`, documents };
}
