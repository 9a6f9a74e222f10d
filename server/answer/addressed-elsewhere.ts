/**
 * @module server/answer/addressed-elsewhere
 * "What does the Call for Action say about carrier sanctions?" — the Call for Action is silent, but the Prague
 * 1997 Recommendations are not. A decline about a named document says where the topic is addressed, when
 * another document would have answered it, and lists that passage first among the closest matches. The
 * reply stays declined: the question asked about the named document.
 */
import type { Unit } from '../../core/types.js';
import { coverage, type TermStatistics } from '../retrieve/term-stats.js';
import type { SearchHit, SearchResult } from '../retrieve/types.js';
import { EVIDENCE_MODEL, weighEvidence } from './evidence.js';
import { closestMatches } from './extractive.js';
import type { ChatReply } from './types.js';
import { capitalise, documentName, isPluralTitle } from './write/statement.js';

/**
 * The unit of another document to point to, from a search of every document: only when it holds every idea of
 * the question, and the named documents hold the question's rarest idea nowhere. A decline that was itself a
 * miss ("what did the Vienna meeting conclude about trafficking?") must not be compounded by a pointer away from
 * a document that does speak of the topic.
 */
export function elsewhereUnit(
  named: readonly string[],
  wider: SearchResult,
  stats: TermStatistics,
  units: readonly Unit[],
): SearchHit | null {
  const concepts = wider.concepts;
  if (concepts.length === 0) return null;
  const evidence = weighEvidence(wider.topic, wider, stats);
  const other = evidence.grounded ? evidence.cited.find((h) => !named.includes(h.unit.documentId)) : undefined;
  if (!other || coverage(concepts, stats.termsOf(other.unit.id)) < EVIDENCE_MODEL.wholeCoverage) return null;
  const rarest = concepts.reduce((a, b) => (b.weight > a.weight ? b : a));
  const namedHoldIt = units.some((u) => named.includes(u.documentId) && coverage([rarest], stats.termsOf(u.id)) > 0);
  return namedHoldIt ? null : other;
}

/** The declined reply, told where the topic is addressed instead (`elsewhere`: the other document's best unit). */
export function addressedElsewhere(declined: ChatReply, elsewhere: SearchHit): ChatReply {
  const silent = declined.answer.match(/^.*?\.(?=\s|$)/)?.[0] ?? declined.answer;
  const verb = isPluralTitle(elsewhere.document) ? 'address' : 'addresses';
  const where = `${capitalise(documentName(elsewhere.document))} ${verb} it: ${elsewhere.unit.label}, the first of the closest matches below.`;
  const others = (declined.closestMatches ?? []).filter((m) => m.id !== elsewhere.unit.id);
  return {
    ...declined,
    answer: `${silent} ${where}`,
    closestMatches: [...closestMatches([elsewhere], 1), ...others].slice(0, 3),
  };
}
