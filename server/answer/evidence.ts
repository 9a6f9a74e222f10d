/**
 * @module server/answer/evidence
 * How strongly the retrieved units bear on a question, and which of them to cite. The answer is declined
 * when the evidence is too weak; thresholds are tuned on the dev set (docs/answers.md).
 */
import { analyse } from '../../core/text/terms.js';
import { type Concept, coverage, type TermStatistics, WHOLE_COVERAGE } from '../retrieve/term-stats.js';
import { namedTerms, unknownNames } from './unknown-names.js';
import type { SearchHit, SearchResult } from '../retrieve/types.js';

/**
 * The evidence model: a linear score over four signals, fitted on the dev set (docs/answers.md) to keep
 * answerable questions answered while declining unanswerable ones:
 *   score = 0.4·coverage(top unit) + 0.3·best cosine(top 3) + 0.1·ln(1 + BM25 of top unit) + 0.2·[question named a document]
 * Coverage is the IDF-weighted share of the question's concepts (terms, or glossary phrases as one concept, each
 * also met by its glossary equivalents) in the top unit, as the re-rank measures it (retrieve/term-stats.ts).
 * A penalty for rare uncovered terms was tried and added nothing on the dev set.
 */
export const EVIDENCE_MODEL = {
  coverage: 0.4,
  vector: 0.3,
  lexical: 0.1,
  scoped: 0.2,
  threshold: 0.78,
  /** Lowered by this for a summary, list, comparison or timeline: such requests name a broad theme in words of
   * their own ("what each text asked for"), so the best single unit covers less of them. */
  broadRelief: 0.16,
  /** The most a concept the corpus cannot meet weighs in the coverage signal (see gateConcepts). */
  unmeetableWeight: 0.5,
  /** Coverage at which the best unit holds every concept of the question: grounded whatever the score. */
  wholeCoverage: WHOLE_COVERAGE,
} as const;

export interface CitationRules {
  /** A unit is cited beside the best one when its fused score is at least this share of the best. */
  relativeScore: number;
  /** At most this many units are cited. */
  maxCitations: number;
  /** At most this many units of one document, unless referenced exactly. */
  maxPerDocument: number;
  /** A named document's best unit is cited when its score is at least this share of the best. */
  documentFloor: number;
}

/** A question about one thing: the few units that answer it. */
export const CITATION_RULES: CitationRules = {
  relativeScore: 0.65,
  maxCitations: 6,
  maxPerDocument: 4,
  documentFloor: 0.4,
};

/** A summary, list, comparison or timeline: every unit that substantively addresses the topic, within a
 * readable cap, and each document's best. */
export const BROAD_CITATION_RULES: CitationRules = {
  relativeScore: 0.5,
  maxCitations: 12,
  maxPerDocument: 6,
  documentFloor: 0.35,
};

export interface EvidenceOptions {
  rules?: CitationRules;
  /** Whether the question itself named its documents (a scope set only to hear every document does not count). */
  scoped?: boolean;
  /** A summary, list, comparison or timeline (see EVIDENCE_MODEL.broadRelief). */
  broad?: boolean;
  /** Whether the best hit states what the question asks for (stated-specific.ts): grounded whatever the score. */
  answersOutright?: (hit: SearchHit) => boolean;
}

export interface Evidence {
  grounded: boolean;
  /** Proper names of the question no unit uses (unknown-names.ts): the reason it is not grounded, if any. */
  unknownNames: string[];
  score: number;
  coverage: number;
  vector: number;
  /** Hits to cite, best first. */
  cited: SearchHit[];
}

/**
 * The question's concepts as the coverage signal weighs them. A plain word no unit uses and no bridge reaches
 * ("running", "got", "hard") cannot be met by any unit, so it says nothing about whether the best one answers;
 * at full IDF weight it is the rarest concept of all and sinks reworded questions. A name or number the corpus
 * never uses keeps its weight: it is what an out-of-scope question ("Frontex", "2031") turns on.
 */
function gateConcepts(result: SearchResult, stats: TermStatistics, named: ReadonlySet<string>): Concept[] {
  const unmeetable = (c: Concept) =>
    c.bridges.length === 0 &&
    !c.terms.some((t) => named.has(t)) &&
    [c.terms, ...c.equivalents].every((form) => form.some((t) => !stats.uses(t)));
  return result.concepts.map((c) =>
    unmeetable(c) ? { ...c, weight: Math.min(c.weight, EVIDENCE_MODEL.unmeetableWeight) } : c,
  );
}

/** A name weighing less than this (used by about a tenth of the units or more: "Budapest Process") is the
 * corpus's own subject and tells no unit apart. */
const DISTINCTIVE_NAME_WEIGHT = 2.4;

/** The concepts the topic writes as distinctive names ("Silk Routes Partnership"); numbers and years are the
 * scope's. */
function namedConcepts(result: SearchResult, named: ReadonlySet<string>): Concept[] {
  const names = [...named].filter((t) => /[a-z]/.test(t));
  return result.concepts.filter((c) => c.weight >= DISTINCTIVE_NAME_WEIGHT && c.terms.some((t) => names.includes(t)));
}

/** The evidence signals of a search result for a topic (see EVIDENCE_MODEL). */
export function evidenceSignals(
  result: SearchResult,
  stats: TermStatistics,
  scoped?: boolean,
  named: ReadonlySet<string> = namedTerms(result.topic),
) {
  const hits = result.hits;
  return {
    coverage: hits.length ? coverage(gateConcepts(result, stats, named), stats.termsOf(hits[0].unit.id)) : 0,
    vector: Math.max(0, ...hits.slice(0, 3).map((h) => h.vector)),
    lexical: hits[0]?.lexical ?? 0,
    scoped: scoped ?? result.scope !== null,
  };
}

/** Decides whether the search found an answer and which hits to cite. */
export function weighEvidence(
  topic: string,
  result: SearchResult,
  stats: TermStatistics,
  options: EvidenceOptions = {},
): Evidence {
  const rules = options.rules ?? CITATION_RULES;
  const hits = result.hits;
  const referenced = result.reference !== null;
  // A proper name the corpus never uses ("the next conference in Baku") is in no unit: nothing answers it.
  const unknown = referenced ? [] : unknownNames(result.topic, stats);
  if (hits.length === 0) return { grounded: false, unknownNames: unknown, score: 0, coverage: 0, vector: 0, cited: [] };
  const top = hits[0];
  if (result.overview) {
    // The question asks what documents are about: the opening of one document and its sections' first units,
    // or the opening unit of each of several documents.
    const scope = result.scope ?? [];
    const cited =
      scope.length === 1
        ? hits.slice(0, rules.maxCitations)
        : scope.map((doc) => hits.find((h) => h.unit.documentId === doc)).filter((h) => h !== undefined);
    return { grounded: true, unknownNames: unknown, score: 1, coverage: 0, vector: 0, cited };
  }
  const named = namedTerms(result.topic);
  const signals = evidenceSignals(result, stats, options.scoped, named);
  const m = EVIDENCE_MODEL;
  const score =
    m.coverage * signals.coverage +
    m.vector * signals.vector +
    m.lexical * Math.log1p(signals.lexical) +
    (signals.scoped ? m.scoped : 0);
  // Every idea of the question met in the best unit's own words (or a glossary equivalent) is as strong as
  // lexical evidence gets: a short question ("is there something on diaspora?") embeds too thinly for the
  // vector signal to vouch for it.
  const wholeTopic = result.concepts.length > 0 && signals.coverage >= m.wholeCoverage;
  const grounded =
    unknown.length === 0 &&
    (referenced ||
      wholeTopic ||
      score >= m.threshold - (options.broad ? m.broadRelief : 0) ||
      (options.answersOutright?.(top) ?? false));
  const base = { grounded, unknownNames: unknown, score, coverage: signals.coverage, vector: signals.vector };
  if (!grounded) return { ...base, cited: [] };

  const cited: SearchHit[] = [];
  const perDoc = new Map<string, number>();
  const take = (h: SearchHit) => {
    cited.push(h);
    perDoc.set(h.unit.documentId, (perDoc.get(h.unit.documentId) ?? 0) + 1);
  };
  // A question naming units exactly ("What does Recommendation 18 say?") is answered by those units alone.
  const exact = hits.filter((h) => h.referenced);
  if (exact.length > 0) return { ...base, cited: exact };
  const minScore = top.score * rules.relativeScore;
  const topicTerms = new Set(analyse(topic));
  // A unit is cited only if it shares a word with the question: similarity alone is not support.
  const sharesTerm = (h: SearchHit): boolean => {
    const unitTerms = stats.termsOf(h.unit.id);
    return topicTerms.size === 0 || [...topicTerms].some((t) => unitTerms.has(t)) || h.lexical > 0;
  };
  // A document's best unit is cited for being its document's best only if it holds what the topic names, when
  // it names something: "Have adopted the following recommendations" shares two plain words with a briefing
  // on what the Silk Routes Partnership adopted, and says nothing of it.
  const names = namedConcepts(result, named);
  const holdsTopic = (h: SearchHit) =>
    sharesTerm(h) && (names.length === 0 || coverage(names, stats.termsOf(h.unit.id)) > 0);
  for (const h of hits) {
    if (cited.length >= rules.maxCitations) break;
    if (h.score < minScore) continue;
    if ((perDoc.get(h.unit.documentId) ?? 0) >= rules.maxPerDocument) continue;
    if (!(options.broad ? holdsTopic(h) : sharesTerm(h))) continue;
    take(h);
  }
  // A question spanning named documents cites the best unit of each (a companion only on its merits, above).
  for (const docId of result.scope ?? []) {
    if (result.companions.includes(docId)) continue;
    if (cited.length >= rules.maxCitations + 2) break;
    if (perDoc.has(docId)) continue;
    const best = hits.find((h) => h.unit.documentId === docId);
    if (best && best.score >= top.score * rules.documentFloor && holdsTopic(best)) take(best);
  }
  if (cited.length === 0) take(top);
  return { ...base, cited };
}
