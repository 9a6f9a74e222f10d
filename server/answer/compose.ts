/**
 * @module server/answer/compose
 * From a question plan and what retrieval found to the offline reply: small talk, a unit that does not exist,
 * a decline, a partial answer that says which asked-for specific the documents do not state, or the answer.
 */
import type { DocumentMeta } from '../../core/types.js';
import type { QueryPlan } from '../plan/types.js';
import { CHECKED_KINDS, holdsAnswerKind, SPECIFIC_NAMES } from '../plan/answer-kind.js';
import { smallTalkAnswer } from '../plan/small-talk.js';
import { coverage, type TermStatistics } from '../retrieve/term-stats.js';
import type { SearchHit, SearchResult } from '../retrieve/types.js';
import { answerFirst } from './answer-first.js';
import { operativeFirst } from './operative-first.js';
import { BROAD_CITATION_RULES, CITATION_RULES, weighEvidence, type Evidence } from './evidence.js';
import { closestMatches, declineMessage, unknownNamesMessage } from './extractive.js';
import { writeAnswer } from './write/answer.js';
import type { UnitInventory } from './inventory.js';
import { describeMissingReference } from './missing-reference.js';
import { withSectionSiblings } from './section-siblings.js';
import { withSpecificSibling } from './specific-sibling.js';
import { withWholeGroup } from './whole-group.js';
import { withHeadingGroup } from './heading-group.js';
import { SPECIFIC_COVERAGE, statesAskedSpecific, statesSpecificAbout } from './stated-specific.js';
import { unitCountReply } from './unit-count.js';
import { numberedGroupsReply } from './numbered-groups.js';
import { askedDocumentIds } from './named-hit.js';
import { describeLaterYear, describeUnmentionedYear } from './unmentioned-year.js';
import type { AnswerMode, ChatReply } from './types.js';

/** Intents whose answer gathers every relevant unit rather than the few best. */
const BROAD_INTENTS = new Set<QueryPlan['intent']>(['summary', 'comparison', 'timeline', 'enumeration']);

/** Intents answered by every unit under a heading that holds the topic (heading-group.ts). A comparison is not:
 * one document's whole heading would crowd the other out of a readable answer. */
const HEADED_INTENTS = new Set<QueryPlan['intent']>(['summary', 'enumeration']);

export function isBroad(plan: QueryPlan): boolean {
  return plan.acrossDocuments || BROAD_INTENTS.has(plan.intent);
}

export function smallTalkReply(message: string, mode: AnswerMode): ChatReply {
  return { answer: smallTalkAnswer(message), citations: [], grounded: false, mode };
}

/** The documents a question asked about by name or carried from earlier turns, without companions. */
export function askedDocuments(plan: QueryPlan, inventory: UnitInventory): DocumentMeta[] {
  const asked = askedDocumentIds(plan) ?? [];
  return inventory.documents.filter((d) => asked.includes(d.id));
}

export function declinedReply(result: SearchResult, mode: AnswerMode, asked: readonly DocumentMeta[] = []): ChatReply {
  return {
    answer: declineMessage(asked),
    citations: [],
    grounded: false,
    mode,
    closestMatches: closestMatches(result.hits),
  };
}

/**
 * The reply for what the documents cannot hold — a unit that does not exist, a year none of them mentions — or
 * null when the question asks for neither.
 */
export function absentReply(
  plan: QueryPlan,
  result: SearchResult,
  inventory: UnitInventory,
  mode: AnswerMode,
): ChatReply | null {
  const message =
    (result.reference ? null : describeMissingReference(plan.reading.references, plan.scope, inventory)) ??
    describeUnmentionedYear(plan.reading.unmentionedYears, inventory.documents) ??
    describeLaterYear(plan.question, plan.reading.laterYears, inventory.documents);
  if (!message) return null;
  return { answer: message, citations: [], grounded: false, mode, closestMatches: closestMatches(result.hits) };
}

export function weighPlanEvidence(plan: QueryPlan, result: SearchResult, stats: TermStatistics): Evidence {
  return weighEvidence(result.topic, result, stats, {
    rules: isBroad(plan) ? BROAD_CITATION_RULES : CITATION_RULES,
    broad: isBroad(plan),
    // A scope widened to every document only so that each is heard is not a named scope.
    scoped: plan.scope !== null,
    answersOutright: (hit) => statesAskedSpecific(hit, plan),
  });
}

/**
 * Whether the asked-for specific (an amount, a number, a date) is in the units that would be cited, in a
 * sentence about what was asked: "met over ten times" in a paragraph on another group does not say how often
 * the Reference Group met.
 */
export function specificStated(plan: QueryPlan, cited: readonly SearchHit[]): boolean {
  if (!CHECKED_KINDS.has(plan.answerKind)) return true;
  // A unit the question named ("Recommendation 22: in what year…?") is what was asked about: any specific of
  // the kind in it answers, whatever else its sentence says.
  return cited
    .slice(0, 2)
    .some((h) =>
      h.referenced ? holdsAnswerKind(h.unit.text, plan.answerKind, plan.question) : statesSpecificAbout(h, plan),
    );
}

/** The share of the question a declined specific's best unit must hold to be shown as what the documents say
 * on the topic. */
const SPECIFIC_TOPIC_COVERAGE = 0.5;

/** A broad answer's units: the found ones, completed by the heading that holds the topic, by their groups'
 * siblings on it, and, for a list asked in full, by the whole group. */
function gatherBroad(
  plan: QueryPlan,
  found: readonly SearchHit[],
  inventory: UnitInventory,
  stats: TermStatistics,
): SearchHit[] {
  const headed = HEADED_INTENTS.has(plan.intent) ? withHeadingGroup(found, plan.reading.concepts, inventory) : found;
  return withWholeGroup(plan, withSectionSiblings(headed, plan.reading, inventory, stats), inventory);
}

/** The offline reply for a plan whose search result is known. */
export function composeExtractiveReply(
  plan: QueryPlan,
  result: SearchResult,
  stats: TermStatistics,
  inventory: UnitInventory,
): ChatReply {
  const missing = absentReply(plan, result, inventory, 'extractive');
  if (missing) return missing;
  const counted =
    unitCountReply(plan, result, inventory, 'extractive') ?? numberedGroupsReply(plan, result, inventory, 'extractive');
  if (counted) return counted;
  const evidence = weighPlanEvidence(plan, result, stats);
  if (evidence.unknownNames.length > 0)
    return { ...declinedReply(result, 'extractive'), answer: unknownNamesMessage(evidence.unknownNames) };
  // Asked for an amount, a number or a date on a topic the documents speak of ("what's the budget of the
  // secretariat?"): too weak to answer, but what they say on it, and that they do not state the specific, is more
  // use than "not addressed" — still not grounded.
  const onTopic =
    !evidence.grounded && CHECKED_KINDS.has(plan.answerKind) && evidence.coverage >= SPECIFIC_TOPIC_COVERAGE;
  if (!evidence.grounded && !onTopic) return declinedReply(result, 'extractive', askedDocuments(plan, inventory));
  const holds = (unitId: string) => coverage(plan.reading.concepts, stats.termsOf(unitId));
  const found = onTopic ? result.hits.slice(0, 1) : evidence.cited;
  const ordered = plan.reading.concepts.length > 0 ? operativeFirst(found, holds) : found;
  const cited = isBroad(plan)
    ? gatherBroad(plan, found, inventory, stats)
    : withSpecificSibling(answerFirst(ordered, plan), plan, inventory.units, SPECIFIC_COVERAGE);
  const written = writeAnswer({
    plan,
    cited,
    claim: [result.query, ...plan.reading.expansion].join(' '),
    coverage: evidence.coverage,
    documents: inventory.documents,
    corpusSubject: inventory.subject,
    idf: (term) => stats.idf(term),
    holds,
  });
  if (!onTopic && specificStated(plan, cited)) return { ...written, grounded: true, mode: 'extractive' };
  const specific = SPECIFIC_NAMES[plan.answerKind];
  const note = `The documents do not state ${specific} for this; what they say on the topic:`;
  return {
    answer: `${note}\n\n${written.answer}`,
    citations: written.citations,
    grounded: false,
    mode: 'extractive',
    flags: [{ code: 'SPECIFIC_NOT_STATED', text: note, reason: `No cited passage states ${specific}.`, citations: [] }],
  };
}
