/**
 * @module tests/scripts/eval-options.int
 * What evaluators ran into with `npm run eval` (issue 16): counts that add up, `expected` optional next to
 * `expectedQuotes`, --strict turning a failing question into exit 1, --json FILE, and --compare with a
 * previous run's report (per-question changes, metric deltas, the index each run was answered from).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../scripts/eval/compare.js';
import { runCli } from '../../scripts/eval/cli.js';
import { parseGoldSet } from '../../scripts/eval/gold-set.js';
import type { EvalReport } from '../../scripts/eval/run.js';
import type { Services } from '../../server/services.js';
import { testServices } from '../support/test-server.js';

const QUESTIONS = [
  {
    id: 't1',
    question: 'What did Prague 1997 say about carrier sanctions?',
    expected: ['prague-1997:rec-18'],
    answerable: true,
  },
  { id: 't2', question: 'What is the capital of Australia?', answerable: false },
  {
    id: 't3',
    question: 'How many countries and organisations take part in the Budapest Process today?',
    expectedQuotes: ['enhanced its membership to 53 countries and international organisations'],
    answerable: true,
  },
  // Wrong on purpose: a question that fails.
  {
    id: 't4',
    question: 'What did Prague 1997 say about carrier sanctions?',
    expected: ['vienna-2005:para-1'],
    answerable: true,
  },
];

let dir: string;
let set: string;
let services: Services;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'eval-options-'));
  set = path.join(dir, 'set.jsonl');
  writeFileSync(set, QUESTIONS.map((q) => JSON.stringify(q)).join('\n'));
  services = await testServices();
});

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--set', set, '--mode', 'extractive', ...argv], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    services,
  });
  return { code, out: out.join(''), err: err.join('') };
}

describe('the question set', () => {
  it('takes expectedQuotes without expected, and unanswerable questions without either', () => {
    const [t2, t3] = parseGoldSet(`${JSON.stringify(QUESTIONS[1])}\n${JSON.stringify(QUESTIONS[2])}`);
    expect(t2.expected).toEqual([]);
    expect(t3).toMatchObject({ expected: [], expectedQuotes: QUESTIONS[2].expectedQuotes });
  });
});

describe('npm run eval: counts, --strict, --json FILE', () => {
  it('reports counts that add up: questions = passed + failed + skipped, scored = passed + failed', async () => {
    const report = JSON.parse((await run(['--json'])).out) as EvalReport;
    const c = report.counts;
    expect(c).toMatchObject({ questions: 4, passed: 3, failed: 1, skipped: 0 });
    expect(c.passed + c.failed + c.skipped).toBe(c.questions);
    expect(c.scored).toBe(c.passed + c.failed);
    expect(c.answerable + c.unanswerable).toBe(c.questions);
  });

  it('exits 0 with a failing question by default, even with --junit, and 1 under --strict, naming it', async () => {
    const junit = path.join(dir, 'junit.xml');
    const lenient = await run(['--junit', junit]);
    expect(lenient.code).toBe(0);
    expect(readFileSync(junit, 'utf8')).toContain('tests="4" failures="1" skipped="0"');
    const strict = await run(['--junit', junit, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.err).toContain('eval: 1 of 4 questions failed (--strict): t4');
  });

  it('writes the JSON report to the file --json names, with the index it was answered from', async () => {
    const file = path.join(dir, 'nested', 'eval.json');
    const { code, out } = await run(['--json', file]);
    expect(code).toBe(0);
    expect(out).toMatch(/^Eval of .* \(index [0-9a-f]{12}\)/);
    const report = JSON.parse(readFileSync(file, 'utf8')) as EvalReport;
    const fingerprint = services.index.manifest.corpusFingerprint;
    expect(report).toMatchObject({ corpusFingerprint: fingerprint, indexBuild: fingerprint });
    expect(report.questions[0].citedQuotes[0]).toEqual({ id: 'prague-1997:rec-18', quote: expect.any(String) });
  });
});

describe('npm run eval -- --compare previous.json', () => {
  let now: EvalReport;
  let previousFile: string;
  beforeAll(async () => {
    now = JSON.parse((await run(['--json'])).out) as EvalReport;
    // A previous run that differs: t1 cited another unit with another quote, t3 was declined, Recall@1 was lower.
    const before = structuredClone(now);
    const t1 = before.questions[0];
    t1.cited = ['prague-1997:rec-17', ...t1.cited.slice(1)];
    t1.citedQuotes = [{ id: 'prague-1997:rec-17', quote: 'an older quote' }, ...t1.citedQuotes.slice(1)];
    before.questions[2].grounded = false;
    before.questions[2].cited = [];
    before.questions[2].citedQuotes = [];
    before.questions[2].status = 'fail';
    before.retrieval.recallAt1 = Math.round((now.retrieval.recallAt1 - 0.25) * 1000) / 1000;
    before.questions[3].citedQuotes = now.questions[3].citedQuotes.map((c) => ({ ...c, quote: `${c.quote} (old)` }));
    previousFile = path.join(dir, 'previous.json');
    writeFileSync(previousFile, JSON.stringify(before));
  });

  it('prints per question what changed, and the metric deltas', async () => {
    const { code, out } = await run(['--compare', previousFile]);
    expect(code).toBe(0);
    expect(out).toContain(`Compared with ${previousFile} (same index ${now.indexBuild.slice(0, 12)}):`);
    expect(out).toContain(
      `| retrieval.recallAt1 | ${Math.round((now.retrieval.recallAt1 - 0.25) * 1000) / 1000} | ${now.retrieval.recallAt1} | +0.25 |`,
    );
    expect(out).toMatch(
      / {2}t1 What did Prague 1997 say about carrier sanctions\?\n {7}now cites prague-1997:rec-18\n {7}no longer cites prague-1997:rec-17/,
    );
    expect(out).toMatch(/ {2}t3 [^\n]*\n {7}fail → pass\n {7}newly answered\n {7}now cites budapest-process-30-years:/);
    expect(out).toMatch(/ {2}t4 [^\n]*\n {7}quote changed for prague-1997:rec-18: “….* \(old\)” → “…[^”]*”/);
    expect(out).not.toMatch(/ {2}t2 /);
  });

  it('puts the comparison in the JSON report', async () => {
    const report = JSON.parse((await run(['--json', '--compare', previousFile])).out) as EvalReport & {
      comparison: Comparison;
    };
    const { comparison } = report;
    expect(comparison.sameIndex).toBe(true);
    expect(comparison.metrics.find((m) => m.metric === 'retrieval.recallAt1')?.delta).toBe(0.25);
    expect(comparison.changed.map((q) => q.id)).toEqual(['t1', 't3', 't4']);
    expect(comparison.changed[1]).toMatchObject({ newlyAnswered: true, newlyDeclined: false, lost: [] });
  });

  it('says when the previous run was answered from another index', async () => {
    const before = { ...structuredClone(now), indexBuild: 'f'.repeat(64), corpusFingerprint: 'f'.repeat(64) };
    const file = path.join(dir, 'other-index.json');
    writeFileSync(file, JSON.stringify(before));
    const { out } = await run(['--compare', file]);
    expect(out).toContain(`index changed: ffffffffffff → ${now.indexBuild.slice(0, 12)}`);
    expect(out).toContain('Questions changed: 0');
  });

  it.each([
    ['not JSON', 'nope', /eval: --compare .*: not valid JSON/],
    ['not a report', '{"questions":[]}', /eval: --compare .*: retrieval: /],
  ])('exits 2 for a previous report that is %s, before running anything', async (_name, text, message) => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, text);
    const { code, err } = await run(['--compare', file]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
