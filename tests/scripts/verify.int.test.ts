/**
 * @module tests/scripts/verify.int
 * `npm run verify -- answers.jsonl`: a file of /api/verify bodies checked against the shared test index
 * (in-process) and against a running server (--url, through the client's verifyMany), with the table, JSON and
 * JUnit outputs and the exit code: 0 all valid, 1 any invalid, 2 bad usage.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../scripts/verify/report.js';
import { runVerifyCli } from '../../scripts/verify/cli.js';
import { ROOT } from '../support/paths.js';
import { TEST_INDEX_DIR } from '../support/test-index.js';
import { startTestServer, type RunningServer } from '../support/test-server.js';

const EXAMPLE = path.join(ROOT, 'tests', 'eval', 'answers-example.jsonl');
const env = { INDEX_DIR: TEST_INDEX_DIR, LOG_LEVEL: 'silent' };

let dir: string;
let valid: string;
let server: RunningServer;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'verify-test-'));
  valid = path.join(dir, 'valid.jsonl');
  writeFileSync(
    valid,
    [
      {
        answer: 'Carriers can be fined [1].',
        citations: [{ id: 'prague-1997:rec-18', quote: 'by fining and holding' }],
      },
      { citations: [{ id: 'call-for-action:pg-1.1' }] },
    ]
      .map((a) => JSON.stringify(a))
      .join('\n'),
  );
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runVerifyCli(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env });
  return { code, out: out.join(''), err: err.join('') };
}

describe('npm run verify', () => {
  it('prints a table and exits 1 when an answer is invalid', async () => {
    const { code, out } = await run([EXAMPLE]);
    expect(code).toBe(1);
    expect(out).toMatch(
      /^Verified 3 answers from .*answers-example\.jsonl against in-process \(index [0-9a-f]{12}\): 2 valid, 1 invalid\./,
    );
    expect(out).toContain('| carriers | 2 | valid | 1/1 |  |');
    expect(out).toContain(
      '| wrong-unit | 4 | INVALID | 0/1 | citation 1 (prague-1997:rec-18): quote found in prague-1997:rec-17, not in this unit |',
    );
  });

  it('exits 0 when every answer is valid', async () => {
    const { code, out } = await run([valid]);
    expect(code).toBe(0);
    expect(out).toContain('2 valid, 0 invalid');
  });

  it('prints JSON with --json, writes it with --json FILE, and writes JUnit with --junit', async () => {
    const printed = await run([EXAMPLE, '--json']);
    const report = JSON.parse(printed.out) as VerifyReport;
    expect(report.counts).toEqual({ answers: 3, valid: 2, invalid: 1 });
    expect(report.indexBuild).toMatch(/^[0-9a-f]{64}$/);
    expect(report.answers.map((a) => [a.id, a.valid])).toEqual([
      ['carriers', true],
      ['young-dialogue', true],
      ['wrong-unit', false],
    ]);

    const json = path.join(dir, 'out', 'verify.json');
    const junit = path.join(dir, 'out', 'verify.xml');
    const written = await run([EXAMPLE, '--json', json, '--junit', junit]);
    expect(written.code).toBe(1);
    expect(written.out).toMatch(/^Verified 3 answers/);
    expect((JSON.parse(readFileSync(json, 'utf8')) as VerifyReport).counts.invalid).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('tests="3" failures="1" skipped="0"');
    expect(xml).toMatch(
      /<testcase classname="verify [^"]*" name="wrong-unit \(line 4\)">\s*<failure message="citation 1/,
    );
  });

  it('reports lines it cannot read as invalid answers, naming the field', async () => {
    const file = path.join(dir, 'broken.jsonl');
    writeFileSync(file, '{"id":"a","citations":[{"quote":"x"}]}\nnot json\n');
    const { code, out } = await run([file]);
    expect(code).toBe(1);
    expect(out).toContain('| a | 1 | INVALID | – | citations.0.id:');
    expect(out).toContain('| line 2 | 2 | INVALID | – | not valid JSON |');
  });

  it('gives the same verdicts against a running server (--url)', async () => {
    const local = JSON.parse((await run([EXAMPLE, '--json'])).out) as VerifyReport;
    const remote = JSON.parse((await run([EXAMPLE, '--json', '--url', server.url])).out) as VerifyReport;
    expect(remote.target).toBe(server.url);
    expect(remote.indexBuild).toBe(local.indexBuild);
    expect(remote.answers.map((a) => a.result)).toEqual(local.answers.map((a) => a.result));
  });

  it.each([
    [['/nonexistent/answers.jsonl'], /verify: .*ENOENT|no such file/],
    [[], /missing required argument/],
    [[EXAMPLE, '--nope'], /unknown option/],
  ])('exits 2 for bad usage: %j', async (argv, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
