/**
 * @module tests/readme.int
 * The README's evaluator examples, run as written: the `npm run verify` and `npm run eval` lines (on a small
 * question set, files in a scratch folder) and the `curl` lines against a running server (its address for
 * 127.0.0.1:3000). Issue 16: `npm run -s eval -- --json > eval.json` must give a file that is JSON.
 */
import { exec } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalReport } from '../scripts/eval/run.js';
import type { VerifyReport } from '../scripts/verify/report.js';
import { ROOT } from './support/paths.js';
import { TEST_INDEX_DIR } from './support/test-index.js';
import { startTestServer, type RunningServer } from './support/test-server.js';

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const ENV = { ...process.env, INDEX_DIR: TEST_INDEX_DIR, LOG_LEVEL: 'silent', OPENAI_API_KEY: '' };

/** The one line of the README that starts with `start` (inside a code block), as written. */
function readmeLine(start: string): string {
  const lines = README.split('\n').filter((l) => l.startsWith(start));
  expect(lines, `README lines starting with ${start}`).toHaveLength(1);
  return lines[0];
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function sh(command: string, cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    exec(command, { cwd, env: ENV, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({
        code: err ? Number(err.code ?? 1) : 0,
        stdout: stdout.toString('utf8'),
        stderr: stderr.toString('utf8'),
      }),
    );
  });
}

let scratch: string;
let set: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'readme-'));
  set = path.join(scratch, 'set.jsonl');
  const questions = [
    {
      id: 'r1',
      question: 'What did Prague 1997 say about carrier sanctions?',
      expected: ['prague-1997:rec-18'],
      answerable: true,
    },
    { id: 'r2', question: 'What is the capital of Australia?', answerable: false },
    // Wrong on purpose, so that --strict has a failing question to report.
    {
      id: 'r3',
      question: 'What did Prague 1997 say about carrier sanctions?',
      expected: ['vienna-2005:para-1'],
      answerable: true,
    },
  ];
  writeFileSync(set, questions.map((q) => JSON.stringify(q)).join('\n'));
});

/** An eval line from the README on the small set, its files in the scratch folder. */
function evalLine(line: string): string {
  return line
    .replace(' -- ', ` -- --set ${set} --mode extractive `)
    .replace(/\beval\.(?:json|xml)\b/g, (name) => path.join(scratch, name));
}

describe('README: npm run verify', () => {
  it('prints the table and exits 1 for the example file', async () => {
    const run = await sh(readmeLine('npm run verify -- tests/eval/answers-example.jsonl'), ROOT);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('2 valid, 1 invalid');
    expect(run.stdout).toContain('| wrong-unit | 4 | INVALID |');
  }, 60_000);

  it('prints JSON alone on stdout with -s --json', async () => {
    const run = await sh(readmeLine('npm run -s verify -- tests/eval/answers-example.jsonl --json'), ROOT);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as VerifyReport).counts).toEqual({ answers: 3, valid: 2, invalid: 1 });
  }, 60_000);
});

describe('README: npm run eval', () => {
  it('--json FILE writes a JSON report naming its index', async () => {
    const run = await sh(evalLine(readmeLine('npm run eval -- --json eval.json')), ROOT);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('| Retrieval Recall@1 |');
    const report = JSON.parse(readFileSync(path.join(scratch, 'eval.json'), 'utf8')) as EvalReport;
    expect(report.counts.questions).toBe(3);
    expect(report.indexBuild).toMatch(/^[0-9a-f]{64}$/);
  }, 90_000);

  it('npm run -s … --json > eval.json gives a file that is JSON', async () => {
    const run = await sh(evalLine(readmeLine('npm run -s eval -- --json > eval.json')), ROOT);
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(path.join(scratch, 'eval.json'), 'utf8');
    expect(text.startsWith('{')).toBe(true);
    expect((JSON.parse(text) as EvalReport).questions.map((q) => q.id)).toEqual(['r1', 'r2', 'r3']);
  }, 90_000);

  it('--compare eval.json prints what changed since that run', async () => {
    const run = await sh(evalLine(readmeLine('npm run eval -- --compare eval.json')), ROOT);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Compared with .*eval\.json \(same index [0-9a-f]{12}\):/);
    expect(run.stdout).toContain('| retrieval.recallAt1 |');
  }, 90_000);

  it('--strict --junit exits 1 when a question fails', async () => {
    const run = await sh(evalLine(readmeLine('npm run eval -- --strict --junit eval.xml')), ROOT);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('eval: 1 of 3 questions failed (--strict): r3');
    expect(readFileSync(path.join(scratch, 'eval.xml'), 'utf8')).toContain('tests="3" failures="1"');
  }, 90_000);
});

describe('README: curl examples against a running server', () => {
  let server: RunningServer;
  let cwd: string;
  beforeAll(async () => {
    server = await startTestServer();
    cwd = mkdtempSync(path.join(tmpdir(), 'readme-curl-'));
  });
  afterAll(async () => {
    await server?.close();
  });
  const curl = (line: string) => sh(line.replaceAll('http://127.0.0.1:3000', server.url), cwd);

  it('GET /api/units?document=call-for-action', async () => {
    const run = await curl(readmeLine("curl -s 'http://127.0.0.1:3000/api/units?document=call-for-action'"));
    const body = JSON.parse(run.stdout) as { units: { id: string }[] };
    expect(body.units).toHaveLength(37);
    expect(body.units[0].id).toBe('call-for-action:pg-1.1');
  });

  it('GET /openapi.json', async () => {
    await curl(readmeLine('curl -s http://127.0.0.1:3000/openapi.json > openapi.json'));
    const doc = JSON.parse(readFileSync(path.join(cwd, 'openapi.json'), 'utf8')) as { openapi: string; paths: object };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/units');
    expect(README).toContain('[`/openapi.json`](#get-openapijson)');
  });

  it('POST /api/chat, then /api/export as Markdown and as docx', async () => {
    await curl(readmeLine('curl -s http://127.0.0.1:3000/api/chat '));
    await curl(readmeLine('curl -s http://127.0.0.1:3000/api/export '));
    await curl(readmeLine('sed \'s/^{/{"format":"docx",/\' reply.json | curl'));
    const markdown = readFileSync(path.join(cwd, 'answer.md'), 'utf8');
    expect(markdown).toMatch(/\[\^1\]/);
    expect(markdown).toContain('[^1]: Prague 1997 Recommendations (14 Oct 1997), Recommendation 18. “');
    const footnotes = strFromU8(
      unzipSync(new Uint8Array(readFileSync(path.join(cwd, 'answer.docx'))))['word/footnotes.xml'],
    );
    expect(footnotes).toContain('Prague 1997 Recommendations (14 Oct 1997), Recommendation 18.');
  });
});
