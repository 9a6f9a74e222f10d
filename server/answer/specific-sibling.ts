/**
 * @module server/answer/specific-sibling
 * A question asking for an amount, a count or a date about something a heading names ("the budget of the Silk
 * Routes II project") is often answered by a unit of that section that repeats none of the question's words
 * ("02.2014 - 04.2017 | 4.000.000 EUR | Funded by …"), while the search ranks the section's wordier units first.
 * When neither of the best two cited units states the specific, a lower cited unit that does, read with its
 * heading, is cited first; failing that, a unit of their sections that does.
 */
import type { Unit } from '../../core/types.js';
import { CHECKED_KINDS } from '../plan/answer-kind.js';
import type { QueryPlan } from '../plan/types.js';
import type { SearchHit } from '../retrieve/types.js';
import { answeringCoverage } from './answer-first.js';

/** Only the sections of the best few cited units are searched: lower ones are less surely what was asked. */
const SECTIONS_SEARCHED = 2;

export function withSpecificSibling(
  cited: readonly SearchHit[],
  plan: QueryPlan,
  units: readonly Unit[],
  minCoverage: number,
): SearchHit[] {
  if (!CHECKED_KINDS.has(plan.answerKind) || cited.length === 0 || cited.some((h) => h.referenced)) return [...cited];
  const states = (hit: SearchHit) => answeringCoverage(hit, plan, true) >= minCoverage;
  if (cited.slice(0, SECTIONS_SEARCHED).some(states)) return [...cited];
  const lower = cited.slice(SECTIONS_SEARCHED).find(states);
  if (lower) return [lower, ...cited.filter((h) => h !== lower)];
  const seen = new Set(cited.map((h) => h.unit.id));
  for (const hit of cited.slice(0, SECTIONS_SEARCHED)) {
    if (hit.unit.section === '') continue;
    for (const unit of units) {
      if (unit.documentId !== hit.unit.documentId || unit.section !== hit.unit.section || seen.has(unit.id)) continue;
      const sibling: SearchHit = { ...hit, unit, lexical: 0, vector: 0, referenced: false };
      if (states(sibling)) return [sibling, ...cited];
    }
  }
  return [...cited];
}
