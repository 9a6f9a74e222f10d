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
import { yearsIn } from '../retrieve/read-query.js';
import type { SearchHit } from '../retrieve/types.js';
import { answeringCoverage, SPECIFIC_KINDS } from './answer-first.js';

/** The share of the question's concepts a sentence holding the asked-for specific must also hold. */
export const SPECIFIC_COVERAGE = 0.4;

/**
 * Whether one of the unit's sentences holds the asked-for kind of fact and SPECIFIC_COVERAGE of the question.
 * "How many times did the Reference Group meet in 2022?": a count of meetings in other years does not answer
 * it, so a year the topic names (not one that named a document) must be in the unit too.
 */
export function statesSpecificAbout(hit: SearchHit, plan: QueryPlan): boolean {
  const years = yearsIn(plan.reading.topic);
  if (years.some((year) => !`${hit.unit.section} ${hit.unit.text}`.includes(year))) return false;
  return answeringCoverage(hit, plan, true) >= SPECIFIC_COVERAGE;
}

export function statesAskedSpecific(hit: SearchHit, plan: QueryPlan): boolean {
  if (!SPECIFIC_KINDS.has(plan.answerKind) || plan.reading.concepts.length === 0) return false;
  return statesSpecificAbout(hit, plan);
}
