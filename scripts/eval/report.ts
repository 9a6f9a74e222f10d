/**
 * @module scripts/eval/report
 * The eval report for people (a Markdown table, then the failing questions) and for CI (JUnit XML: one
 * testcase per question, failing as the JUnit `failure` rule of scripts/eval/score.ts says).
 */
import { formatJUnitSuite, type JUnitCase } from '../shared/junit.js';
import type { EvalReport } from './run.js';

const pct = (v: number): string => `${(v * 100).toFixed(1)} %`;

/** By question kind, for sets that label it: any gold unit cited (answerable kinds) or declined (the others). */
function kindRows(r: EvalReport): string[] {
  const kinds = Object.entries(r.byKind);
  if (kinds.length === 0) return [];
  return [
    '| kind | questions | passed | cited (answerable) or declined |',
    '|---|---|---|---|',
    ...kinds.map(([kind, k]) => `| ${kind} | ${k.questions} | ${k.passed} | ${pct(k.rate)} |`),
    '',
  ];
}

export function formatTable(r: EvalReport): string {
  const c = r.counts;
  const modes = Object.entries(r.modes)
    .map(([mode, n]) => `${mode} ${n}`)
    .join(', ');
  const rows: [string, string, string][] = [
    ['Retrieval Recall@1', String(r.retrieval.recallAt1), `${r.retrieval.questions} answerable questions`],
    ['Retrieval Recall@5', String(r.retrieval.recallAt5), `${r.retrieval.questions} answerable questions`],
    ['Retrieval MRR', String(r.retrieval.mrr), `${r.retrieval.questions} answerable questions`],
    [
      'Citation precision (units)',
      String(r.citations.precision),
      `${r.citations.precisionQuestions} answerable questions citing something`,
    ],
    ['Citation recall (units)', String(r.citations.recall), `${r.citations.questions} answerable questions`],
    ['Any expected unit cited', pct(r.citations.goldCitedRate), `${r.citations.questions} answerable questions`],
    ['First expected unit cited', pct(r.citations.expectedCitedRate), `${r.citations.questions} answerable questions`],
    [
      'Abstention (unanswerable declined)',
      pct(r.abstention.rate),
      `${r.abstention.unanswerable} unanswerable questions`,
    ],
    [
      'False declines (answerable declined)',
      pct(r.abstention.falseRate),
      `${r.abstention.answerable} answerable questions`,
    ],
    ['Verbatim quotes', pct(r.quotes.verbatimRate), `${r.quotes.citations} citations`],
    [
      'Opens with a direct answer',
      pct(r.answers.directAnswer.rate),
      `${r.answers.directAnswer.answers} grounded answers`,
    ],
    [
      'Quote holds the asked-for fact',
      pct(r.answers.answerBearingQuote.rate),
      `${r.answers.answerBearingQuote.answers} answered questions asking for an amount, count, date or body`,
    ],
    [
      'Every document concerned cited',
      pct(r.answers.everyDocumentCited.rate),
      `${r.answers.everyDocumentCited.answers} answered questions with 2+ documents to cite`,
    ],
    [
      'Required passages cited (mean / all)',
      `${r.answers.required.recall} / ${pct(r.answers.required.completeRate)}`,
      `${r.answers.required.questions} summaries, timelines and lists`,
    ],
    ['Quotes with OCR debris', String(r.answers.debrisQuotes), `${r.quotes.citations} citations`],
    ['Answer latency p50 / p95', `${r.latencyMs.p50} / ${r.latencyMs.p95} ms`, `${c.questions} answers`],
  ];
  const lines = [
    `Eval of ${r.set}: ${c.questions} questions (${c.answerable} answerable, ${c.unanswerable} unanswerable) against ${r.target} (index ${r.indexBuild.slice(0, 12)}), mode ${r.mode} (answered: ${modes})`,
    '',
    '| metric | value | over |',
    '|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    ...kindRows(r),
    `Questions: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped.`,
  ];
  const failed = r.questions.filter((q) => q.status !== 'pass');
  if (failed.length) {
    lines.push(
      '',
      ...failed.map(
        (q) => `  ${q.status === 'fail' ? 'FAIL' : 'SKIP'} ${q.id} ${q.question}\n       ${q.failure ?? ''}`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

export function formatJUnit(r: EvalReport): string {
  return formatJUnitSuite(
    'budapest-process-eval',
    `eval ${r.set}`,
    r.questions.map((q): JUnitCase => ({
      name: `${q.id}: ${q.question}`,
      seconds: q.latencyMs / 1000,
      outcome: q.status,
      message: q.failure ?? '',
      type: q.answerable ? 'expected-unit-not-cited' : 'not-declined',
      details: `cited: ${q.cited.join(', ') || '(none)'}\ngold: ${q.gold.join(', ') || '(none)'}\ngrounded: ${q.grounded}`,
    })),
  );
}
