/**
 * @module scripts/eval/compare
 * `npm run eval -- --compare previous.json`: what changed since a previous run's `--json` report, question by
 * question (units cited or no longer cited, newly declined or answered, quotes changed, pass/fail changed),
 * and the figures' deltas. Pure: the CLI reads the previous report.
 */
import { z } from 'zod';
import type { EvalReport } from './run.js';

/** The parts of a previous report that are compared; anything else in it is ignored. */
const previousSchema = z.object({
  set: z.string().optional(),
  mode: z.string().optional(),
  corpusFingerprint: z.string().optional(),
  indexBuild: z.string().optional(),
  retrieval: z.object({ recallAt1: z.number(), recallAt5: z.number(), mrr: z.number() }),
  citations: z.object({
    precision: z.number(),
    recall: z.number(),
    goldCitedRate: z.number(),
    expectedCitedRate: z.number(),
  }),
  abstention: z.object({ rate: z.number(), falseRate: z.number() }),
  quotes: z.object({ verbatimRate: z.number() }),
  latencyMs: z.object({ p50: z.number(), p95: z.number() }),
  questions: z.array(
    z.object({
      id: z.string(),
      question: z.string(),
      cited: z.array(z.string()),
      grounded: z.boolean(),
      status: z.enum(['pass', 'fail', 'skip']),
      // Reports written before quotes were recorded have none; their quotes are then not compared.
      citedQuotes: z.array(z.object({ id: z.string(), quote: z.string() })).optional(),
    }),
  ),
});

export type PreviousReport = z.infer<typeof previousSchema>;

/** Reads a previous `--json` report; throws naming the file and the first field that does not fit. */
export function parsePreviousReport(text: string, file: string): PreviousReport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`eval: --compare ${file}: not valid JSON (write it with \`npm run eval -- --json ${file}\`)`);
  }
  const parsed = previousSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`eval: --compare ${file}: ${issue.path.join('.') || 'report'}: ${issue.message}`);
  }
  return parsed.data;
}

type Figures = Pick<PreviousReport, 'retrieval' | 'citations' | 'abstention' | 'quotes' | 'latencyMs'>;

/** The figures compared, by the name the JSON report gives them. */
export const COMPARED_METRICS: { name: string; read: (r: Figures) => number }[] = [
  { name: 'retrieval.recallAt1', read: (r) => r.retrieval.recallAt1 },
  { name: 'retrieval.recallAt5', read: (r) => r.retrieval.recallAt5 },
  { name: 'retrieval.mrr', read: (r) => r.retrieval.mrr },
  { name: 'citations.precision', read: (r) => r.citations.precision },
  { name: 'citations.recall', read: (r) => r.citations.recall },
  { name: 'citations.goldCitedRate', read: (r) => r.citations.goldCitedRate },
  { name: 'citations.expectedCitedRate', read: (r) => r.citations.expectedCitedRate },
  { name: 'abstention.rate', read: (r) => r.abstention.rate },
  { name: 'abstention.falseRate', read: (r) => r.abstention.falseRate },
  { name: 'quotes.verbatimRate', read: (r) => r.quotes.verbatimRate },
  { name: 'latencyMs.p50', read: (r) => r.latencyMs.p50 },
  { name: 'latencyMs.p95', read: (r) => r.latencyMs.p95 },
];

export interface MetricDelta {
  metric: string;
  before: number;
  after: number;
  delta: number;
}

export interface QuestionChange {
  id: string;
  question: string;
  /** Units cited now and not before. */
  gained: string[];
  /** Units cited before and not now. */
  lost: string[];
  newlyDeclined: boolean;
  newlyAnswered: boolean;
  /** Units cited in both runs with another quote now. */
  quotesChanged: { id: string; before: string; after: string }[];
  status?: { before: string; after: string };
}

export interface Comparison {
  previous: { file: string; corpusFingerprint: string | null; indexBuild: string | null };
  /** Whether both runs were answered from the same index; null when the previous report does not say. */
  sameIndex: boolean | null;
  metrics: MetricDelta[];
  /** Questions in both runs that changed, in this run's order. */
  changed: QuestionChange[];
  /** Question ids in only one of the runs. */
  onlyNow: string[];
  onlyBefore: string[];
}

const round = (v: number): number => Math.round(v * 1000) / 1000;

function quotesOf(cited: { id: string; quote: string }[] | undefined): Map<string, string> | null {
  if (!cited) return null;
  const byUnit = new Map<string, string>();
  for (const c of cited) byUnit.set(c.id, byUnit.has(c.id) ? `${byUnit.get(c.id)} … ${c.quote}` : c.quote);
  return byUnit;
}

function changeOf(now: EvalReport['questions'][number], before: PreviousReport['questions'][number]) {
  const gained = now.cited.filter((id) => !before.cited.includes(id));
  const lost = before.cited.filter((id) => !now.cited.includes(id));
  const quotesNow = quotesOf(now.citedQuotes);
  const quotesBefore = quotesOf(before.citedQuotes);
  const quotesChanged =
    quotesNow && quotesBefore
      ? [...quotesNow].flatMap(([id, quote]) => {
          const old = quotesBefore.get(id);
          return old !== undefined && old !== quote ? [{ id, before: old, after: quote }] : [];
        })
      : [];
  const change: QuestionChange = {
    id: now.id,
    question: now.question,
    gained,
    lost,
    newlyDeclined: before.grounded && !now.grounded,
    newlyAnswered: !before.grounded && now.grounded,
    quotesChanged,
    ...(before.status !== now.status ? { status: { before: before.status, after: now.status } } : {}),
  };
  const changed =
    gained.length > 0 || lost.length > 0 || change.newlyDeclined || change.newlyAnswered || quotesChanged.length > 0;
  return changed || change.status ? change : null;
}

export function compareReports(now: EvalReport, before: PreviousReport, file: string): Comparison {
  const previousById = new Map(before.questions.map((q) => [q.id, q]));
  const nowIds = new Set(now.questions.map((q) => q.id));
  const changed = now.questions.flatMap((q) => {
    const old = previousById.get(q.id);
    const change = old ? changeOf(q, old) : null;
    return change ? [change] : [];
  });
  const previousBuild = before.indexBuild ?? before.corpusFingerprint ?? null;
  return {
    previous: {
      file,
      corpusFingerprint: before.corpusFingerprint ?? null,
      indexBuild: before.indexBuild ?? null,
    },
    sameIndex: previousBuild === null ? null : previousBuild === now.indexBuild,
    metrics: COMPARED_METRICS.map(({ name, read }) => {
      const [b, a] = [read(before), read(now)];
      return { metric: name, before: b, after: a, delta: round(a - b) };
    }),
    changed,
    onlyNow: now.questions.filter((q) => !previousById.has(q.id)).map((q) => q.id),
    onlyBefore: before.questions.filter((q) => !nowIds.has(q.id)).map((q) => q.id),
  };
}

const signed = (v: number): string => (v > 0 ? `+${v}` : v === 0 ? '0' : String(v));
const short = (text: string, max = 90): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

// Characters of shared text kept on each side of where two quotes differ.
const QUOTE_CONTEXT = 25;

/** The two quotes cut to where they differ, with a little context: long quotes often change only at one end. */
export function differingParts(before: string, after: string): [string, string] {
  const limit = Math.min(before.length, after.length);
  let head = 0;
  while (head < limit && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < limit - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const clip = (text: string): string => {
    const from = Math.max(0, head - QUOTE_CONTEXT);
    const to = Math.min(text.length, text.length - tail + QUOTE_CONTEXT);
    return `${from > 0 ? '…' : ''}${short(text.slice(from, to), 120)}${to < text.length ? '…' : ''}`;
  };
  return [clip(before), clip(after)];
}

/** The comparison for people: the deltas as a table, then each changed question. */
export function formatComparison(c: Comparison, nowBuild: string): string {
  const index =
    c.sameIndex === null
      ? 'the previous report does not name its index'
      : c.sameIndex
        ? `same index ${nowBuild.slice(0, 12)}`
        : `index changed: ${(c.previous.indexBuild ?? c.previous.corpusFingerprint ?? '').slice(0, 12)} → ${nowBuild.slice(0, 12)}`;
  const lines = [
    `Compared with ${c.previous.file} (${index}):`,
    '',
    '| metric | before | now | change |',
    '|---|---|---|---|',
    ...c.metrics.map((m) => `| ${m.metric} | ${m.before} | ${m.after} | ${signed(m.delta)} |`),
    '',
    `Questions changed: ${c.changed.length}${c.onlyNow.length ? `; new: ${c.onlyNow.join(', ')}` : ''}${c.onlyBefore.length ? `; gone: ${c.onlyBefore.join(', ')}` : ''}`,
  ];
  for (const q of c.changed) {
    lines.push(`  ${q.id} ${short(q.question)}`);
    if (q.status) lines.push(`       ${q.status.before} → ${q.status.after}`);
    if (q.newlyDeclined) lines.push('       newly declined');
    if (q.newlyAnswered) lines.push('       newly answered');
    if (q.gained.length) lines.push(`       now cites ${q.gained.join(', ')}`);
    if (q.lost.length) lines.push(`       no longer cites ${q.lost.join(', ')}`);
    for (const quote of q.quotesChanged) {
      const [before, after] = differingParts(quote.before, quote.after);
      lines.push(`       quote changed for ${quote.id}: “${before}” → “${after}”`);
    }
  }
  return `${lines.join('\n')}\n`;
}
