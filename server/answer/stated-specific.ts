/**
 * @module server/answer/stated-specific
 * A question asking for a specific — an amount, a count, a date, a named body — is answered outright by a unit
 * that states one in a sentence about the question. Reworded questions ("how long before the passport runs out
 * should the visa stop?") share few words with the unit as a whole, so the overall evidence is weak; a sentence
 * holding both the asked-for kind of fact and a good share of the question is evidence of another kind.
 * Unanswerable questions of these kinds ("what is the Reference Group's annual budget?") fail it: no sentence
 * near their topic holds the fact.
 */
import type { QueryPlan } from '../plan/types.js';
import type { SearchHit } from '../retrieve/types.js';
import { answeringCoverage, SPECIFIC_KINDS } from './answer-first.js';

/** The share of the question's concepts a sentence holding the asked-for specific must also hold. */
export const SPECIFIC_COVERAGE = 0.4;

export function statesAskedSpecific(hit: SearchHit, plan: QueryPlan): boolean {
  if (!SPECIFIC_KINDS.has(plan.answerKind) || plan.reading.concepts.length === 0) return false;
  return answeringCoverage(hit, plan, true) >= SPECIFIC_COVERAGE;
}
