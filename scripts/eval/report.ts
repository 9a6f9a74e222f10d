/**
 * @module scripts/eval/report
 * The eval report for people (a Markdown table, then the failing questions) and for CI (JUnit XML: one
 * testcase per question, failing as the JUnit `failure` rule of scripts/eval/score.ts says).
 */
import type { EvalReport } from './run.js';

const pct = (v: number): string => `${(v * 100).toFixed(1)} %`;

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
    ['Answer latency p50 / p95', `${r.latencyMs.p50} / ${r.latencyMs.p95} ms`, `${c.questions} answers`],
  ];
  const lines = [
    `Eval of ${r.set}: ${c.questions} questions (${c.answerable} answerable, ${c.unanswerable} unanswerable) against ${r.target}, mode ${r.mode} (answered: ${modes})`,
    '',
    '| metric | value | over |',
    '|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
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

// XML 1.0 allows no control characters but tab, newline and carriage return, even escaped.
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function formatJUnit(r: EvalReport): string {
  const suite = xml(`eval ${r.set}`);
  const seconds = (ms: number): string => (ms / 1000).toFixed(3);
  const total = r.questions.reduce((sum, q) => sum + q.latencyMs, 0);
  const cases = r.questions.map((q) => {
    const open = `    <testcase classname="${suite}" name="${xml(`${q.id}: ${q.question}`)}" time="${seconds(q.latencyMs)}"`;
    if (q.status === 'pass') return `${open}/>`;
    const body =
      q.status === 'skip'
        ? `      <skipped message="${xml(q.failure ?? '')}"/>`
        : `      <failure message="${xml(q.failure ?? '')}" type="${q.answerable ? 'expected-unit-not-cited' : 'not-declined'}">${xml(
            `cited: ${q.cited.join(', ') || '(none)'}\ngold: ${q.gold.join(', ') || '(none)'}\ngrounded: ${q.grounded}`,
          )}</failure>`;
    return `${open}>\n${body}\n    </testcase>`;
  });
  const c = r.counts;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="budapest-process-eval" tests="${c.questions}" failures="${c.failed}" skipped="${c.skipped}" time="${seconds(total)}">`,
    `  <testsuite name="${suite}" tests="${c.questions}" failures="${c.failed}" skipped="${c.skipped}" errors="0" time="${seconds(total)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
