/**
 * @module tests/scripts/eval.int
 * `npm run eval` on a four-question set over the shared test index: the JSON figures, JUnit output, the same
 * figures over HTTP, and a missed threshold ending the process with a non-zero exit code.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../scripts/eval/cli.js';
import { runEval, type EvalReport } from '../../scripts/eval/run.js';
import { inProcessTarget } from '../../scripts/eval/target.js';
import { checkThresholds } from '../../scripts/eval/thresholds.js';
import type { Services } from '../../server/services.js';
import { ROOT } from '../support/paths.js';
import { TEST_INDEX_DIR } from '../support/test-index.js';
import { startTestServer, testServices } from '../support/test-server.js';

const QUESTIONS = [
  {
    id: 't1',
    question: 'What did Prague 1997 say about carrier sanctions?',
    expected: ['prague-1997:rec-18'],
    answerable: true,
  },
  { id: 't2', question: 'What is the capital of Australia?', expected: [], answerable: false },
  {
    id: 't3',
    question: 'How many countries and organisations take part in the Budapest Process today?',
    expected: [],
    expectedQuotes: ['enhanced its membership to 53 countries and international organisations'],
    answerable: true,
  },
  // Deliberately wrong gold, so that Recall@1 cannot reach 1 and the threshold check has something to miss.
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
let report: EvalReport;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'eval-test-'));
  set = path.join(dir, 'set.jsonl');
  writeFileSync(set, QUESTIONS.map((q) => JSON.stringify(q)).join('\n'));
  services = await testServices();
  report = await runEval({ set, target: inProcessTarget(services), mode: 'extractive' });
});

function capture(): { out: string[]; err: string[]; io: { stdout: (t: string) => void; stderr: (t: string) => void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t) } };
}

describe('runEval', () => {
  it('reports every figure, in range', () => {
    const figures = [
      report.retrieval.recallAt1,
      report.retrieval.recallAt5,
      report.retrieval.mrr,
      report.citations.precision,
      report.citations.recall,
      report.citations.expectedCitedRate,
      report.abstention.rate,
      report.abstention.falseRate,
      report.quotes.verbatimRate,
    ];
    for (const f of figures) {
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThanOrEqual(1);
    }
    expect(report.counts).toMatchObject({ questions: 4, answerable: 3, unanswerable: 1 });
    expect(report.retrieval.recallAt1).toBeLessThan(1);
    expect(report.latencyMs.p95).toBeGreaterThanOrEqual(report.latencyMs.p50);
    expect(report.questions.map((q) => q.id)).toEqual(['t1', 't2', 't3', 't4']);
  });

  it('scores each question: cited, declined, gold found from quotes, wrong gold failed', () => {
    const [t1, t2, t3, t4] = report.questions;
    expect(t1).toMatchObject({ status: 'pass', expectedCited: true, grounded: true });
    expect(t1.cited).toContain('prague-1997:rec-18');
    expect(t2).toMatchObject({ status: 'pass', grounded: false, precision: null, recall: null, retrieval: null });
    expect(t3.gold.length).toBeGreaterThan(0);
    expect(t3.gold.every((id) => id.startsWith('budapest-process-30-years:'))).toBe(true);
    expect(t4).toMatchObject({ status: 'fail', expectedCited: false });
    expect(report.quotes.verbatimRate).toBe(1);
  });

  it('checks thresholds against the reported figures', () => {
    expect(checkThresholds(report, { minRecall1: 0, minVerbatim: 1 })).toEqual([]);
    expect(checkThresholds(report, { minRecall1: 1 })).toEqual([
      { flag: '--min-recall1', metric: 'retrieval.recallAt1', actual: report.retrieval.recallAt1, min: 1 },
    ]);
  });
});

describe('runCli', () => {
  it('prints JSON, writes JUnit and returns 1 when a threshold is missed', async () => {
    const junit = path.join(dir, 'out', 'eval.xml');
    const { out, err, io } = capture();
    const code = await runCli(
      ['--set', set, '--mode', 'extractive', '--json', '--junit', junit, '--min-recall1', '1'],
      { ...io, services },
    );
    expect(code).toBe(1);
    expect(err.join('')).toContain('eval: threshold missed: retrieval.recallAt1');
    const json = JSON.parse(out.join('')) as EvalReport;
    expect(json.retrieval.recallAt5).toBe(report.retrieval.recallAt5);
    expect(json.questions).toHaveLength(4);
    const xml = readFileSync(junit, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml).toMatch(/<failure message="cited [^"]*; expected one of vienna-2005:para-1"/);
  });

  it('prints the table and returns 0 when thresholds are met', async () => {
    const { out, io } = capture();
    expect(await runCli(['--set', set, '--mode', 'extractive', '--min-verbatim', '1'], { ...io, services })).toBe(0);
    expect(out.join('')).toMatch(/\| Retrieval Recall@5 \| [\d.]+ \| 3 answerable questions \|/);
  });

  it('returns 2 for a bad flag value', async () => {
    const { err, io } = capture();
    expect(await runCli(['--set', set, '--min-recall5', '90'], { ...io, services })).toBe(2);
    expect(err.join('')).toMatch(/expected a number from 0 to 1/);
  });

  it('gives the same figures against a running server (--url)', async () => {
    const server = await startTestServer();
    try {
      const { out, io } = capture();
      expect(await runCli(['--set', set, '--mode', 'extractive', '--json', '--url', server.url], io)).toBe(0);
      const overHttp = JSON.parse(out.join('')) as EvalReport;
      expect(overHttp.target).toBe(server.url);
      expect({ ...overHttp.retrieval, ...overHttp.citations }).toEqual({ ...report.retrieval, ...report.citations });
    } finally {
      await server.close();
    }
  });
});

describe('npm run eval (a child process)', () => {
  it('exits non-zero and names the threshold it missed', async () => {
    const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
    const env = { ...process.env, INDEX_DIR: TEST_INDEX_DIR, OPENAI_API_KEY: '', LOG_LEVEL: 'silent' };
    const run = promisify(execFile)(tsx, ['scripts/eval.ts', '--set', set, '--min-recall1', '1'], { cwd: ROOT, env });
    const failure = await run.then(
      () => expect.fail('expected npm run eval to exit non-zero'),
      (err: { code?: number; stdout?: string; stderr?: string }) => err,
    );
    expect(failure.code).toBe(1);
    expect(failure.stdout).toContain('| Retrieval Recall@1 |');
    expect(failure.stderr).toContain('threshold missed: retrieval.recallAt1');
  }, 60_000);
});
