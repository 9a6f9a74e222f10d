/**
 * @module tests/scripts/bench.int
 * `npm run bench -- --quick --out FILE` end to end: builds, starts servers and children on loopback, and writes
 * a report with every section and a verdict on every target line. Only the shape is checked — timings depend
 * on the machine and are the benchmark's business, not the test's.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SECTION_HEADINGS } from '../../scripts/bench/report.js';
import { ROOT } from '../support/paths.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-test-'));
const out = path.join(dir, 'benchmarks.md');

function runBench(): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS; // vitest's own loader flags are not the bench's business
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', '--quick', '--out', out], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000);
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('npm run bench -- --quick', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('measures every section and writes a complete report', { timeout: 300_000 }, async () => {
    const { code, stderr } = await runBench();
    expect(code, stderr).toBe(0);
    const report = readFileSync(out, 'utf8');

    let at = -1;
    for (const heading of SECTION_HEADINGS) {
      const next = report.indexOf(`\n${heading}`);
      expect(next, `missing or out of order: ${heading}`).toBeGreaterThan(at);
      at = next;
    }
    expect(report).not.toContain('Not measured');

    // Tables are prettier-formatted, so cells are padded: separators are matched with the spaces around them.
    for (const field of ['CPU', 'Cores', 'Memory', 'Node', 'Date'])
      expect(report).toMatch(new RegExp(`\\| ${field}\\s*\\| \\S`));

    const targets = report.slice(report.indexOf('## Targets'), report.indexOf('## 1. Ingest'));
    const lines = targets.split('\n').filter((l) => /^\| (?!target|---)/.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(10);
    for (const line of lines) expect(line).toMatch(/\*\*(PASS|FAIL|N\/A)\*\*\s*\|$/);
    // The quick run has no 100k corpus; every other target has a figure.
    expect(lines.filter((l) => l.includes('**N/A**')).every((l) => l.startsWith('| 100k units'))).toBe(true);

    for (const route of [
      /\| GET \/healthz\s+\|/,
      /\| POST \/api\/search\s+\|/,
      /\| POST \/api\/chat \(extractive\)\s*\|/,
    ])
      expect(report).toMatch(route);
    expect(report).toMatch(/\| LangChain HNSWLib/);
    expect(report).toMatch(/\| Exact brute-force cosine scan/);
    expect(report).toMatch(/\*\*Added by our server \(medians\)\*\*/);
    expect(report).toMatch(/\| 500 units\s*\|/);
    expect(report).toContain('<!-- notes:start -->');
  });
});
