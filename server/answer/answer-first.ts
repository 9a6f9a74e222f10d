/**
 * @module server/answer/answer-first
 * A question that asks for a specific — an amount, a count, a date, who — is opened with the cited unit whose
 * sentence holds that specific together with most of what was asked, not simply the best-ranked unit: "How many
 * countries are in the Budapest Process?" opens with "…enhanced its membership to 53 countries…", not with a
 * unit on a project that trained "more than 1700 officials". An overview opens with a unit that says what its
 * subject is. Only the order of units already cited changes.
 */
import { analyse } from '../../core/text/terms.js';
import { askedSpecific, CHECKED_KINDS } from '../plan/answer-kind.js';
import type { QueryPlan } from '../plan/types.js';
import { coverage, WHOLE_COVERAGE } from '../retrieve/term-stats.js';
import type { SearchHit } from '../retrieve/types.js';
import { cleanSpans } from './citation.js';

/** Kinds of answer whose sentence can be told from its words (answer-kind.ts: askedSpecific). */
export const SPECIFIC_KINDS = new Set<QueryPlan['answerKind']>(['amount', 'count', 'date', 'body']);
/** A unit moves ahead of the best-ranked one only when its answering sentence holds clearly more of the question. */
const MIN_GAIN = 0.25;

/** How much of the question the unit's best sentence holding the asked-for specific covers; 0 when none holds it,
 * 1 when one does and the question has no concepts to cover. */
export function answeringCoverage(hit: SearchHit, plan: QueryPlan, readHeading = false): number {
  const holds = askedSpecific(plan.answerKind, plan.question, plan.reading.topic) ?? (() => true);
  // Read with its heading, a sentence speaks of what the heading names: "4.000.000 EUR | Funded by …" under
  // "Silk Routes II Project" states that project's budget. Not for counts: any number before any word passes
  // for one ("the six priority goals" under "The Reference Group" does not say how often the group met).
  const heading = readHeading && plan.answerKind !== 'count' ? analyse(hit.unit.section) : [];
  // A heading may itself state an amount or a date for all its paragraphs: "Budapest, Hungary (1993)" dates
  // "Official launch of the Budapest Process." A name in a heading does not say who did what below it.
  const headingHolds = heading.length > 0 && CHECKED_KINDS.has(plan.answerKind) && holds(hit.unit.section);
  let best = 0;
  for (const span of cleanSpans(hit.unit.text)) {
    if (!headingHolds && !holds(span.text)) continue;
    if (plan.reading.concepts.length === 0) return 1;
    best = Math.max(best, coverage(plan.reading.concepts, new Set([...heading, ...analyse(span.text)])));
  }
  return best;
}

/** A sentence that says what something is ("The Budapest Process is a state-led dialogue"). */
export const DEFINITION = /\b(?:is|was|are|were) (?:an?|the|one of)\b/i;

/** Whether one of the unit's sentences defines the whole topic: all its concepts in a sentence that says what
 * something is. */
function defines(hit: SearchHit, plan: QueryPlan): boolean {
  return cleanSpans(hit.unit.text).some(
    (span) =>
      DEFINITION.test(span.text) && coverage(plan.reading.concepts, new Set(analyse(span.text))) >= WHOLE_COVERAGE,
  );
}

export function answerFirst(cited: readonly SearchHit[], plan: QueryPlan): SearchHit[] {
  // "What is the Budapest Process?", "an introduction to the Budapest Process": open with a unit that defines it.
  if (plan.intent === 'overview' && plan.reading.concepts.length > 0 && cited.length >= 2 && !cited[0].referenced) {
    if (defines(cited[0], plan)) return [...cited];
    const defining = cited.find((h) => defines(h, plan));
    return defining ? [defining, ...cited.filter((h) => h !== defining)] : [...cited];
  }
  if (!SPECIFIC_KINDS.has(plan.answerKind) || cited.length < 2 || plan.reading.concepts.length === 0) return [...cited];
  if (cited[0].referenced) return [...cited];
  const scores = cited.map((h) => answeringCoverage(h, plan));
  let best = 0;
  scores.forEach((s, i) => {
    if (s > scores[best]) best = i;
  });
  if (best === 0 || scores[best] < scores[0] + MIN_GAIN) return [...cited];
  return [cited[best], ...cited.filter((_, i) => i !== best)];
}
