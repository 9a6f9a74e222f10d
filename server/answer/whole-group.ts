/**
 * @module server/answer/whole-group
 * "List every action in the Call for Action on integration": a list asked for in full, whose cited units mostly
 * sit in one group of the document (a priority goal, a clause's points, a heading's recommendations), is that
 * group — every unit of it, in reading order, though the search ranked only some of them high. The documents
 * group their points by topic; a reader who asks for every one wants the group, not the best-worded few.
 */
import type { Unit } from '../../core/types.js';
import type { QueryPlan } from '../plan/types.js';
import type { SearchHit } from '../retrieve/types.js';

/** "every", "all the", "each", "the full list", "complete list": the list is wanted whole. */
const IN_FULL = /\b(?:every|all\s+(?:the|of\s+the|its)?|each|full\s+list|complete\s+list|in\s+full)\b/i;
/** The group must hold at least this many of the cited units, and this share of them. */
const MIN_IN_GROUP = 3;
const MIN_SHARE = 0.6;
/** A group larger than this is a document's body rather than a group of points. */
const MAX_GROUP = 12;

function asksInFull(plan: QueryPlan): boolean {
  return plan.intent === 'enumeration' && IN_FULL.test(plan.question);
}

/** The cited units completed by the rest of the group most of them belong to, or the cited units unchanged. */
export function withWholeGroup(
  plan: QueryPlan,
  cited: readonly SearchHit[],
  inventory: { units: readonly Unit[] },
): SearchHit[] {
  if (!asksInFull(plan) || cited.length < MIN_IN_GROUP) return [...cited];
  const key = (u: Unit) => `${u.documentId}\u0000${u.section}`;
  const counts = new Map<string, number>();
  for (const h of cited) if (h.unit.section) counts.set(key(h.unit), (counts.get(key(h.unit)) ?? 0) + 1);
  const [group, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (n < MIN_IN_GROUP || n / cited.length < MIN_SHARE) return [...cited];
  // Of the kinds already cited there: "all the recommendations on readmission agreements" does not bring the
  // considerations that share their heading.
  const kinds = new Set(cited.filter((h) => key(h.unit) === group).map((h) => h.unit.kind));
  const members = inventory.units
    .filter((u) => key(u) === group && kinds.has(u.kind))
    .sort((a, b) => a.order - b.order);
  if (members.length > MAX_GROUP) return [...cited];
  const byId = new Map(cited.map((h) => [h.unit.id, h]));
  const template = cited.find((h) => key(h.unit) === group)!;
  const floor = Math.min(...cited.map((h) => h.score));
  const whole = members.map(
    (unit) =>
      byId.get(unit.id) ?? {
        unit,
        document: template.document,
        score: floor,
        lexical: 0,
        vector: 0,
        referenced: false,
      },
  );
  return [...whole, ...cited.filter((h) => key(h.unit) !== group)];
}
