/**
 * @module server/plan/asked-count
 * How many items a question expects: "What are the six priority goals?" → 6. A list the documents give must
 * have that many items to be the answer, and a question that counts its items asks for a named list.
 */
import { cardinalValue } from '../retrieve/reference-words.js';

/** "the six priority goals", "the 3 pillars": how many items the question expects. */
const ASKED_COUNT =
  /\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:[a-z]+\s+){0,2}?[a-z]+s\b/i;

export function askedCount(question: string): number | null {
  const m = ASKED_COUNT.exec(question);
  if (!m) return null;
  const word = m[1].toLowerCase();
  return /^\d+$/.test(word) ? Number(word) : cardinalValue(word);
}
