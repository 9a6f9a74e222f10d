/**
 * @module server/answer/addressed-elsewhere
 * "What does the Call for Action say about carrier sanctions?" — the Call for Action is silent, but the Prague
 * 1997 Recommendations are not. A decline about a named document says where the topic is addressed, when
 * another document would have answered it, and lists that passage first among the closest matches. The
 * reply stays declined: the question asked about the named document.
 */
import type { SearchHit } from '../retrieve/types.js';
import { closestMatches } from './extractive.js';
import type { ChatReply } from './types.js';
import { documentName } from './write/statement.js';

/** The declined reply, told where the topic is addressed instead (`elsewhere`: the other document's best unit). */
export function addressedElsewhere(declined: ChatReply, elsewhere: SearchHit): ChatReply {
  const silent = declined.answer.match(/^.*?\.(?=\s|$)/)?.[0] ?? declined.answer;
  const name = documentName(elsewhere.document);
  const where = `${name.charAt(0).toUpperCase()}${name.slice(1)} ${/s$/.test(elsewhere.document.shortTitle) ? 'address' : 'addresses'} it: ${elsewhere.unit.label}, the first of the closest matches below.`;
  const others = (declined.closestMatches ?? []).filter((m) => m.id !== elsewhere.unit.id);
  return {
    ...declined,
    answer: `${silent} ${where}`,
    closestMatches: [...closestMatches([elsewhere], 1), ...others].slice(0, 3),
  };
}
