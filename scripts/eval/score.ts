/**
 * @module scripts/eval/score
 * Scores one question of a gold set against the assistant's search results and reply, and sums the scores
 * into the report's figures. Pure: the runner (scripts/eval/run.ts) gathers the inputs.
 *
 * Rules (also in README.md, "For evaluators"):
 * - Gold units = `expected`, plus every unit whose text contains one of `expectedQuotes` (whitespace and
 *   line-break hyphens ignored). The first gold unit is `expected[0]`, else the unit of the first quote.
 * - Retrieval (Recall@1, Recall@5, MRR): answerable questions with gold units, ranked over the top 10.
 * - Citation precision, per question: cited units that are correct ÷ cited units. A cited unit is correct when
 *   it is a gold unit, or when the quote it is cited with (≥ 30 characters) occurs in a gold unit's text —
 *   the same words under a duplicate unit's id. Averaged over answerable questions that cite something;
 *   a declined answerable question has no precision (it cited nothing) but counts recall 0.
 * - Citation recall, per question: gold units cited ÷ gold units; averaged over answerable questions.
 * - Declining: a reply with `grounded: false`. abstention.rate = unanswerable questions declined ÷ unanswerable;
 *   abstention.falseRate = answerable questions declined ÷ answerable.
 * - Quotes: citations whose quote occurs in the cited unit's text from the catalogue ÷ all citations.
 */
import { containsFolded, foldForCompare } from '../../core/text/fold.js';
import type { ChatReply } from '../../server/answer/types.js';
import { checkAnswer, summariseChecks, type AnswerChecks, type AnswerFigures } from './answer-checks.js';
import type { GoldQuestion } from './gold-set.js';
import { hitAt, mean, percentile, reciprocalRank, round } from './metrics.js';

/** Retrieval is ranked over this many results; Recall@5 and MRR look at the top 5 and 10 of them. */
export const RANK_DEPTH = 10;
const MIN_CREDITED_QUOTE_CHARS = 30;

export interface UnitText {
  id: string;
  text: string;
}

export interface UnitTexts {
  get(id: string): string | undefined;
  /** Ids of the units containing the text (whitespace and line-break hyphens ignored), in corpus order. */
  containing(text: string): string[];
}

export function unitTexts(units: readonly UnitText[]): UnitTexts {
  const byId = new Map(units.map((u) => [u.id, u.text]));
  let folded: { id: string; folded: string }[] | undefined;
  return {
    get: (id) => byId.get(id),
    containing(text) {
      folded ??= units.map((u) => ({ id: u.id, folded: foldForCompare(u.text) }));
      const needle = foldForCompare(text);
      return needle ? folded.filter((u) => u.folded.includes(needle)).map((u) => u.id) : [];
    },
  };
}

export interface Gold {
  units: string[];
  first: string | null;
  /** expectedQuotes no unit contains: the set or the index is out of date. */
  unresolvedQuotes: string[];
}

export function resolveGold(q: GoldQuestion, units: UnitTexts): Gold {
  const found = [...q.expected];
  const unresolvedQuotes: string[] = [];
  let firstOfQuotes: string | null = null;
  for (const quote of q.expectedQuotes ?? []) {
    const ids = units.containing(quote);
    if (ids.length === 0) unresolvedQuotes.push(quote);
    firstOfQuotes ??= ids[0] ?? null;
    for (const id of ids) if (!found.includes(id)) found.push(id);
  }
  return { units: found, first: q.expected[0] ?? firstOfQuotes, unresolvedQuotes };
}

export interface QuestionScore {
  id: string;
  question: string;
  answerable: boolean;
  gold: string[];
  firstExpected: string | null;
  unresolvedQuotes?: string[];
  /** Null when the question has no retrieval figures (unanswerable, or no gold units). */
  retrieval: { rank: number | null; hitAt1: boolean; hitAt5: boolean; reciprocalRank: number; top5: string[] } | null;
  cited: string[];
  /** Each citation's unit and quote, in the reply's order: what `--compare` reads to see quotes change. */
  citedQuotes: { id: string; quote: string }[];
  grounded: boolean;
  mode: ChatReply['mode'];
  precision: number | null;
  recall: number | null;
  expectedCited: boolean | null;
  /** Whether any gold unit was cited (the question's answer is cited at all). */
  goldCited: boolean | null;
  quotes: { total: number; verbatim: number; notVerbatim: string[] };
  latencyMs: number;
  /** How the answer reads (scripts/eval/answer-checks.ts). */
  checks: AnswerChecks;
  status: 'pass' | 'fail' | 'skip';
  failure?: string;
}

export interface Observation {
  /** Ranked unit ids from search, or null when retrieval was not measured. */
  ranked: string[] | null;
  reply: ChatReply;
  latencyMs: number;
}

function uniq(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function outcome(
  q: GoldQuestion,
  gold: Gold,
  cited: string[],
  grounded: boolean,
): Pick<QuestionScore, 'status' | 'failure'> {
  if (!q.answerable) {
    return grounded
      ? { status: 'fail', failure: `answered an unanswerable question, citing ${cited.join(', ') || 'nothing'}` }
      : { status: 'pass' };
  }
  if (gold.units.length === 0) {
    const why = q.expectedQuotes?.length
      ? 'expectedQuotes not found in any unit'
      : 'neither expected nor expectedQuotes given';
    return { status: 'skip', failure: `no gold units (${why})` };
  }
  if (!grounded)
    return { status: 'fail', failure: `declined an answerable question; expected ${gold.units.join(', ')}` };
  if (!cited.some((id) => gold.units.includes(id))) {
    return {
      status: 'fail',
      failure: `cited ${cited.join(', ') || 'nothing'}; expected one of ${gold.units.join(', ')}`,
    };
  }
  return { status: 'pass' };
}

export function scoreQuestion(q: GoldQuestion, gold: Gold, seen: Observation, units: UnitTexts): QuestionScore {
  const { reply } = seen;
  const cited = uniq(reply.citations.map((c) => c.id));
  const scored = q.answerable && gold.units.length > 0;
  const goldTexts = gold.units.map((id) => units.get(id) ?? '');

  const correct = (id: string): boolean => {
    if (gold.units.includes(id)) return true;
    return reply.citations.some(
      (c) =>
        c.id === id &&
        foldForCompare(c.quote).length >= MIN_CREDITED_QUOTE_CHARS &&
        goldTexts.some((t) => containsFolded(t, c.quote)),
    );
  };
  const precision = scored && cited.length > 0 ? cited.filter(correct).length / cited.length : null;
  const recall = scored
    ? reply.grounded
      ? gold.units.filter((id) => cited.includes(id)).length / gold.units.length
      : 0
    : null;
  const expectedCited = scored ? reply.grounded && gold.first !== null && cited.includes(gold.first) : null;
  const goldCited = scored ? reply.grounded && gold.units.some((id) => cited.includes(id)) : null;

  const notVerbatim = reply.citations.filter(
    (c) => !containsFolded(units.get(c.id) ?? '', c.quote) || foldForCompare(c.quote) === '',
  );
  const retrieval =
    scored && seen.ranked
      ? {
          rank: ((i) => (i === -1 ? null : i + 1))(seen.ranked.findIndex((id) => gold.units.includes(id))),
          hitAt1: hitAt(seen.ranked, gold.units, 1),
          hitAt5: hitAt(seen.ranked, gold.units, 5),
          reciprocalRank: reciprocalRank(seen.ranked, gold.units),
          top5: seen.ranked.slice(0, 5),
        }
      : null;

  return {
    id: q.id,
    question: q.question,
    answerable: q.answerable,
    gold: gold.units,
    firstExpected: gold.first,
    ...(gold.unresolvedQuotes.length ? { unresolvedQuotes: gold.unresolvedQuotes } : {}),
    retrieval,
    cited,
    citedQuotes: reply.citations.map((c) => ({ id: c.id, quote: c.quote })),
    grounded: reply.grounded,
    mode: reply.mode,
    precision,
    recall,
    expectedCited,
    goldCited,
    quotes: {
      total: reply.citations.length,
      verbatim: reply.citations.length - notVerbatim.length,
      notVerbatim: notVerbatim.map((c) => c.id),
    },
    latencyMs: round(seen.latencyMs, 1),
    checks: checkAnswer(q, reply),
    ...outcome(q, gold, cited, reply.grounded),
  };
}

export interface EvalFigures {
  /** questions = answerable + unanswerable = passed + failed + skipped; scored = passed + failed. */
  counts: {
    questions: number;
    answerable: number;
    unanswerable: number;
    scored: number;
    passed: number;
    failed: number;
    skipped: number;
  };
  retrieval: { questions: number; recallAt1: number; recallAt5: number; mrr: number };
  citations: {
    questions: number;
    precisionQuestions: number;
    precision: number;
    recall: number;
    expectedCitedRate: number;
    goldCitedRate: number;
  };
  abstention: { unanswerable: number; rate: number; answerable: number; falseRate: number };
  quotes: { citations: number; verbatimRate: number };
  latencyMs: { p50: number; p95: number; mean: number };
  modes: Partial<Record<ChatReply['mode'], number>>;
  answers: AnswerFigures;
  /** Per question kind (sets that label `kind`): how many, passed, and the kind's own rate: any gold unit cited
   * for answerable kinds, declined for unanswerable ones and small talk. */
  byKind: Record<string, { questions: number; passed: number; rate: number }>;
}

const defined = <T>(values: (T | null)[]): T[] => values.filter((v): v is T => v !== null);
const rate = (flags: boolean[]): number => round(mean(flags.map((f) => (f ? 1 : 0))));

export function summarise(scores: readonly QuestionScore[]): EvalFigures {
  const answerable = scores.filter((s) => s.answerable);
  const unanswerable = scores.filter((s) => !s.answerable);
  const retrieval = defined(scores.map((s) => s.retrieval));
  const precisions = defined(scores.map((s) => s.precision));
  const recalls = defined(scores.map((s) => s.recall));
  const quotes = scores.reduce(
    (acc, s) => ({ total: acc.total + s.quotes.total, verbatim: acc.verbatim + s.quotes.verbatim }),
    { total: 0, verbatim: 0 },
  );
  const latencies = scores.map((s) => s.latencyMs);
  const modes: EvalFigures['modes'] = {};
  for (const s of scores) modes[s.mode] = (modes[s.mode] ?? 0) + 1;
  const passed = scores.filter((s) => s.status === 'pass').length;
  const failed = scores.filter((s) => s.status === 'fail').length;
  return {
    counts: {
      questions: scores.length,
      answerable: answerable.length,
      unanswerable: unanswerable.length,
      // Questions judged pass or fail (skipped ones have no gold to judge by); the figures' own populations
      // are given with each figure (retrieval.questions, citations.questions…).
      scored: passed + failed,
      passed,
      failed,
      skipped: scores.filter((s) => s.status === 'skip').length,
    },
    retrieval: {
      questions: retrieval.length,
      recallAt1: rate(retrieval.map((r) => r.hitAt1)),
      recallAt5: rate(retrieval.map((r) => r.hitAt5)),
      mrr: round(mean(retrieval.map((r) => r.reciprocalRank))),
    },
    citations: {
      questions: recalls.length,
      precisionQuestions: precisions.length,
      precision: round(mean(precisions)),
      recall: round(mean(recalls)),
      expectedCitedRate: rate(defined(scores.map((s) => s.expectedCited))),
      goldCitedRate: rate(defined(scores.map((s) => s.goldCited))),
    },
    abstention: {
      unanswerable: unanswerable.length,
      rate: rate(unanswerable.map((s) => !s.grounded)),
      answerable: answerable.length,
      falseRate: rate(answerable.map((s) => !s.grounded)),
    },
    quotes: { citations: quotes.total, verbatimRate: quotes.total === 0 ? 1 : round(quotes.verbatim / quotes.total) },
    latencyMs: {
      p50: round(percentile(latencies, 50), 1),
      p95: round(percentile(latencies, 95), 1),
      mean: round(mean(latencies), 1),
    },
    modes,
    answers: summariseChecks(scores.map((s) => s.checks)),
    byKind: byKind(scores),
  };
}

function byKind(scores: readonly QuestionScore[]): EvalFigures['byKind'] {
  const out: EvalFigures['byKind'] = {};
  const kinds = [...new Set(scores.map((s) => s.checks.kind).filter((k): k is string => k !== null))].sort();
  for (const kind of kinds) {
    const of = scores.filter((s) => s.checks.kind === kind);
    const answerable = of.filter((s) => s.answerable && s.goldCited !== null);
    const rateOf = answerable.length
      ? rate(answerable.map((s) => s.goldCited === true))
      : rate(of.filter((s) => !s.answerable).map((s) => !s.grounded));
    out[kind] = { questions: of.length, passed: of.filter((s) => s.status === 'pass').length, rate: rateOf };
  }
  return out;
}
