/**
 * @module tests/reliability/ingest-faults.int
 * Ingest failing or interrupted never touches the index in service: a crash at each stage (in process), a
 * real `ingest/cli.ts` killed with SIGKILL, an ingest killed after writing its build but before the swap,
 * a corpus with an unreadable file, a corpus with nothing readable. The next ingest succeeds each time.
 * Two ingests at once: the second refuses with INGEST_LOCKED, or waits when told to. A lock left by a dead
 * process is taken over; a live one is not. A damaged index file is caught by its checksum at load.
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockFile, readCurrentBuild } from '../../core/index/layout.js';
import { acquireIngestLock } from '../../ingest/index/lock.js';
import { loadIndex } from '../../core/index/store.js';
import { runIngest } from '../../ingest/pipeline.js';
import { buildServices } from '../../server/bootstrap.js';
import type { Config } from '../../core/config.js';
import { isAppError } from '../../core/errors.js';
import { FIXTURES_DIR } from '../support/paths.js';
import { testConfig } from '../support/test-index.js';
import {
  collect,
  copyCorpus,
  copyTestIndex,
  GOOD_CITATION,
  GOOD_QUESTION,
  removeDir,
  spawnIngest,
  tempDir,
} from './helpers.js';

let dir: string;
let config: Config;

beforeAll(() => {
  dir = tempDir('ingest-faults');
  config = testConfig({ corpusDir: copyCorpus(dir), indexDir: copyTestIndex(dir) });
});
afterAll(() => removeDir(dir));

const env = (): Record<string, string> => ({
  CORPUS_DIR: config.corpusDir,
  INDEX_DIR: config.indexDir,
  CACHE_DIR: config.cacheDir,
  LOG_LEVEL: 'silent',
});

const builds = () =>
  readdirSync(config.indexDir)
    .filter((n) => n.startsWith('build-'))
    .sort();

/** The index in service loads, and answers the carrier-sanctions question with its citation. */
async function expectServing(cfg: Config = config): Promise<void> {
  const services = await buildServices(cfg);
  const reply = await services.answerer.answer({ question: GOOD_QUESTION });
  expect(reply.citations.map((c) => c.id)).toContain(GOOD_CITATION);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  return isAppError(err) ? err.code : String(err);
}

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('an ingest that fails part-way', () => {
  it.each(['parsed', 'embedded', 'written'] as const)(
    'at "%s" leaves the index in service, its lock released and no half-written build',
    async (stage) => {
      const before = await readCurrentBuild(config.indexDir);
      const buildsBefore = builds();
      const failing = runIngest(config, {
        onStage: (s) => {
          if (s === stage) throw new Error(`simulated crash at ${s}`);
        },
      });
      expect(await codeOf(failing)).toBe('INTERNAL');
      expect(await readCurrentBuild(config.indexDir)).toBe(before);
      expect(builds()).toEqual(buildsBefore);
      expect(existsSync(lockFile(config.indexDir))).toBe(false);
      await expectServing();
    },
  );

  it('is followed by an ingest that succeeds', async () => {
    const before = await readCurrentBuild(config.indexDir);
    const report = await runIngest(config);
    expect(await readCurrentBuild(config.indexDir)).toBe(report.buildDir);
    expect(report.buildDir).not.toBe(before);
    await expectServing();
  });
});

describe('an ingest killed with SIGKILL', () => {
  it('as a real `ingest/cli.ts` mid-run: the old index still serves, and the next ingest takes over its lock', async () => {
    const before = await readCurrentBuild(config.indexDir);
    const child = await spawnIngest(env());
    const run = collect(child);
    await until('the ingest to take its lock', () => existsSync(lockFile(config.indexDir)));
    child.kill('SIGKILL');
    await run.exited;
    expect(existsSync(lockFile(config.indexDir))).toBe(true); // a dead process's lock
    expect(await readCurrentBuild(config.indexDir)).toBe(before);
    await expectServing();

    const next = collect(await spawnIngest(env()));
    expect(await next.exited, next.output()).toBe(0);
    expect(await readCurrentBuild(config.indexDir)).not.toBe(before);
    expect(existsSync(lockFile(config.indexDir))).toBe(false);
    await expectServing();
  });

  it('after writing its build but before the swap: that build never goes into service and is pruned next time', async () => {
    const before = await readCurrentBuild(config.indexDir);
    const child = await spawnIngest(env(), ['written'], 'pausedIngest');
    const run = collect(child);
    await until('the paused ingest', () => run.output().includes('PAUSED written'));
    const orphan = builds().find(
      (b) => !before?.endsWith(b) && readFileSync(path.join(config.indexDir, b, 'manifest.json')).length > 0,
    );
    expect(orphan).toBeDefined();
    child.kill('SIGKILL');
    await run.exited;
    expect(await readCurrentBuild(config.indexDir)).toBe(before);
    await expectServing();

    const report = await runIngest(config);
    expect(builds()).not.toContain(orphan);
    expect(builds()).toContain(path.basename(report.buildDir));
    await expectServing();
  });
});

describe('a corpus with bad files', () => {
  it('skips an unreadable PDF, reports it, and indexes the rest', async () => {
    copyFileSync(
      path.join(FIXTURES_DIR, 'pdf', 'truncated-corrupt.pdf'),
      path.join(config.corpusDir, 'broken-report.pdf'),
    );
    try {
      const report = await runIngest(config);
      expect(report.skipped.map((s) => s.file)).toContain('broken-report.pdf');
      expect(report.skipped[0].reason).not.toContain(os.tmpdir());
      expect(report.documents.length).toBe(5);
      await expectServing();
    } finally {
      rmSync(path.join(config.corpusDir, 'broken-report.pdf'));
    }
  });

  it('refuses a corpus with nothing readable (EMPTY_CORPUS) and keeps the index in service', async () => {
    const before = await readCurrentBuild(config.indexDir);
    const corpusDir = path.join(dir, 'unreadable-corpus');
    mkdirSync(corpusDir, { recursive: true });
    copyFileSync(path.join(FIXTURES_DIR, 'pdf', 'truncated-corrupt.pdf'), path.join(corpusDir, 'only-file.pdf'));
    const empty = testConfig({ corpusDir, indexDir: config.indexDir });
    expect(await codeOf(runIngest(empty))).toBe('EMPTY_CORPUS');
    expect(await readCurrentBuild(config.indexDir)).toBe(before);
    await expectServing();
  });
});

describe('two ingests at once', () => {
  it('the second refuses with INGEST_LOCKED, or waits for the first when given time', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let parsed: () => void = () => {};
    const reachedParse = new Promise<void>((resolve) => (parsed = resolve));
    const first = runIngest(config, {
      onStage: async (s) => {
        if (s !== 'parsed') return;
        parsed();
        await held;
      },
    });
    await reachedParse;
    expect(await codeOf(runIngest(config))).toBe('INGEST_LOCKED');

    // A real CLI run is refused with a clear message and exit code 1.
    const cli = collect(await spawnIngest(env()));
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toMatch(/another ingest \(pid \d+\) is running/);

    const waiting = runIngest(config, { lockWaitMs: 20_000 });
    setTimeout(release, 300);
    const [a, b] = await Promise.all([first, waiting]);
    expect(a.buildDir).not.toBe(b.buildDir);
    expect(await readCurrentBuild(config.indexDir)).toBe(b.buildDir);
    await expectServing();
  });
});

describe('the ingest lock', () => {
  const lockDir = () => path.join(dir, 'locks');

  it('is taken over from a process that is gone', async () => {
    mkdirSync(lockDir(), { recursive: true });
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.once('exit', r));
    writeFileSync(lockFile(lockDir()), JSON.stringify({ pid: dead.pid, host: os.hostname(), token: 'old' }));
    const lock = await acquireIngestLock(lockDir());
    await lock.release();
  });

  it('is taken over when its owner stopped touching it (a reused pid, another host)', async () => {
    writeFileSync(lockFile(lockDir()), JSON.stringify({ pid: process.pid, host: 'elsewhere', token: 'stuck' }));
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(lockFile(lockDir()), old, old);
    const lock = await acquireIngestLock(lockDir());
    await lock.release();
  });

  it('is respected while live, and never mistaken for stale while being written', async () => {
    writeFileSync(lockFile(lockDir()), JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'live' }));
    expect(await codeOf(acquireIngestLock(lockDir(), 300))).toBe('INGEST_LOCKED');
    writeFileSync(lockFile(lockDir()), ''); // a lock whose content is not there yet
    expect(await codeOf(acquireIngestLock(lockDir(), 300))).toBe('INGEST_LOCKED');
    rmSync(lockFile(lockDir()));
  });

  it('is released by its owner only: a release after a takeover leaves the new owner’s lock alone', async () => {
    const mine = await acquireIngestLock(lockDir());
    writeFileSync(
      lockFile(lockDir()),
      JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'someone-else' }),
    );
    await mine.release();
    expect(existsSync(lockFile(lockDir()))).toBe(true);
    rmSync(lockFile(lockDir()));
  });
});

describe('a damaged index', () => {
  it.each([
    [
      'a flipped byte in units.json',
      'units.json',
      (b: Buffer) => Buffer.concat([b.subarray(0, 100), Buffer.from([b[100] ^ 0x01]), b.subarray(101)]),
    ],
    ['a truncated vectors.hnsw', 'vectors.hnsw', (b: Buffer) => b.subarray(0, Math.floor(b.length / 2))],
    ['an empty lexical.bm25', 'lexical.bm25', () => Buffer.alloc(0)],
  ])('with %s is refused at load: INDEX_CORRUPT, "run `npm run ingest`"', async (_what, file, damage) => {
    const own = tempDir('damaged');
    try {
      const indexDir = copyTestIndex(own);
      const build = (await readCurrentBuild(indexDir))!;
      writeFileSync(path.join(build, file), damage(readFileSync(path.join(build, file))));
      const err = await loadIndex(indexDir).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isAppError(err) && err.code).toBe('INDEX_CORRUPT');
      expect((err as Error).message).toMatch(new RegExp(`${file.replace('.', '\\.')}.*run \`npm run ingest\``));
      expect(await codeOf(buildServices(testConfig({ indexDir })))).toBe('INDEX_CORRUPT');
    } finally {
      removeDir(own);
    }
  });
});
