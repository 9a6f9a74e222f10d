/**
 * @module tests/reliability/lifecycle.int
 * The server process (`bin/start.ts`, spawned) from start to stop. It listens before its index is ready
 * and answers 503 INDEX_NOT_READY meanwhile — while another ingest holds the lock, with no index and
 * AUTO_INGEST=false, with a damaged index — instead of dying, and serves as soon as an index is in service.
 * A damaged index is reported with "run `npm run ingest`", or rebuilt when AUTO_INGEST allows. SIGTERM
 * during a slow answer: the answer completes, new connections are refused, the process exits 0.
 */
import { Agent, request } from 'node:http';
import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readCurrentBuild } from '../../core/index/layout.js';
import { acquireIngestLock } from '../../ingest/index/lock.js';
import { runIngest } from '../../ingest/pipeline.js';
import type { ChatReply } from '../../server/answer/types.js';
import { citing, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';
import { CORPUS_DIR } from '../support/paths.js';
import { TEST_INDEX_DIR, testConfig } from '../support/test-index.js';
import {
  copyTestIndex,
  errorOf,
  GOOD_CITATION,
  GOOD_QUESTION,
  postJson,
  rawRequest,
  removeDir,
  spawnServer,
  tempDir,
  type SpawnedServer,
} from './helpers.js';

let dir: string;
const running: SpawnedServer[] = [];

beforeAll(() => {
  dir = tempDir('lifecycle');
});
afterEach(() => {
  for (const s of running.splice(0)) s.kill();
});
afterAll(() => removeDir(dir));

async function start(env: Record<string, string>): Promise<SpawnedServer> {
  const s = await spawnServer({ CORPUS_DIR, INDEX_POLL_MS: '200', LOG_LEVEL: 'info', ...env });
  running.push(s);
  return s;
}

async function expectAnswers(s: SpawnedServer): Promise<void> {
  const res = await postJson(s.port, '/api/chat', { question: GOOD_QUESTION });
  expect(res.status).toBe(200);
  expect((res.json as ChatReply).citations.map((c) => c.id)).toContain(GOOD_CITATION);
}

/** Polls until /healthz says 503 INDEX_NOT_READY with a message matching `reason`. */
async function expectNotReady(s: SpawnedServer, reason: RegExp): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await rawRequest(s.port, { path: '/healthz' }).catch(() => null);
    if (res?.status === 503 && reason.test(errorOf(res).message)) {
      expect(errorOf(res).code).toBe('INDEX_NOT_READY');
      expect(errorOf(res).message).not.toContain(dir);
      expect(res.headers['retry-after']).toBeDefined();
      const api = await postJson(s.port, '/api/search', { query: 'carriers' });
      expect(api.status).toBe(503);
      expect(errorOf(api).code).toBe('INDEX_NOT_READY');
      return;
    }
    if (Date.now() > deadline)
      throw new Error(`never saw 503 ${reason}: last ${res?.status} ${res?.text}\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('before the index is ready', () => {
  it('answers 503 INDEX_NOT_READY while another ingest holds the lock, then builds and serves', async () => {
    const indexDir = path.join(dir, 'locked');
    const lock = await acquireIngestLock(indexDir);
    try {
      const s = await start({ INDEX_DIR: indexDir, AUTO_INGEST: 'true' });
      await expectNotReady(s, /being built/);
    } finally {
      await lock.release();
    }
    const s = running[0];
    await s.waitForHealth(200);
    await expectAnswers(s);
  });

  it('with no index and AUTO_INGEST=false: stays up saying so, and serves once an ingest has run', async () => {
    const indexDir = path.join(dir, 'missing');
    const s = await start({ INDEX_DIR: indexDir, AUTO_INGEST: 'false' });
    await expectNotReady(s, /no index has been built yet; run `npm run ingest`/);
    await runIngest(testConfig({ indexDir }));
    await s.waitForHealth(200);
    await expectAnswers(s);
  });
});

describe('a damaged index at start', () => {
  async function damagedIndex(name: string): Promise<string> {
    const indexDir = copyTestIndex(path.join(dir, name));
    const build = (await readCurrentBuild(indexDir))!;
    const units = path.join(build, 'units.json');
    writeFileSync(units, readFileSync(units, 'utf8').replace('carriers', 'Carriers'));
    return indexDir;
  }

  it('with AUTO_INGEST=false: reported ("run `npm run ingest`") on /healthz and in the log; served after an ingest', async () => {
    const indexDir = await damagedIndex('damaged-manual');
    const s = await start({ INDEX_DIR: indexDir, AUTO_INGEST: 'false' });
    await expectNotReady(s, /units\.json does not match its checksum.*run `npm run ingest`/);
    await s.waitForOutput('run `npm run ingest` to rebuild it');
    expect(s.child.exitCode).toBeNull();
    await runIngest(testConfig({ indexDir }));
    await s.waitForHealth(200);
    await expectAnswers(s);
  });

  it('with AUTO_INGEST=true: reported in the log and rebuilt', async () => {
    const indexDir = await damagedIndex('damaged-auto');
    const s = await start({ INDEX_DIR: indexDir, AUTO_INGEST: 'true' });
    await s.waitForHealth(200);
    expect(s.output()).toMatch(/units\.json does not match its checksum/);
    expect(s.output()).toMatch(/cannot be used: rebuilding it/);
    await expectAnswers(s);
  });
});

it('exits 1 at once, naming the problem, for a configuration no ingest can fix', async () => {
  const s = await start({ INDEX_DIR: TEST_INDEX_DIR, AUTO_INGEST: 'false', EMBEDDINGS: 'openai' });
  expect(await s.exited).toBe(1);
  expect(s.output()).toMatch(/EMBEDDINGS=openai needs OPENAI_API_KEY/);
});

describe('SIGTERM', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI({
      kind: 'reply',
      text: citing('Recommendation 18', 'The Prague 1997 Recommendations call for sanctions against carriers [1].'),
      delayMs: 1_000,
    });
  });
  afterAll(() => fake.close());

  it('during a slow answer: the answer completes, new connections are refused, exit 0', async () => {
    const s = await start({
      INDEX_DIR: TEST_INDEX_DIR,
      AUTO_INGEST: 'false',
      OPENAI_API_KEY: 'sk-sigterm-test-key',
      OPENAI_BASE_URL: fake.url,
      LLM_TIMEOUT_MS: '10000',
      SHUTDOWN_GRACE_MS: '8000',
    });
    await s.waitForHealth(200);
    // An idle keep-alive connection must not hold the shutdown for the whole grace period.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    await new Promise<void>((resolve, reject) =>
      request({ host: '127.0.0.1', port: s.port, path: '/healthz', agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      })
        .on('error', reject)
        .end(),
    );

    const asked = fake.requests.length;
    const answer = postJson(s.port, '/api/chat', { question: GOOD_QUESTION });
    const inFlight = Date.now() + 5_000;
    while (fake.requests.length === asked && Date.now() < inFlight) await new Promise((r) => setTimeout(r, 10));
    expect(fake.requests.length).toBeGreaterThan(asked);

    const t0 = Date.now();
    s.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    await expect(rawRequest(s.port, { path: '/healthz' }, 2_000)).rejects.toThrow(/ECONNREFUSED/);

    const res = await answer;
    expect(res.status).toBe(200);
    expect((res.json as ChatReply).mode).toBe('llm');
    expect((res.json as ChatReply).citations.map((c) => c.id)).toContain(GOOD_CITATION);
    expect(await s.exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(4_000);
    expect(s.output()).toMatch(/all requests finished; exiting/);
    agent.destroy();
  });

  it('while idle: exit 0 at once', async () => {
    const s = await start({ INDEX_DIR: TEST_INDEX_DIR, AUTO_INGEST: 'false' });
    await s.waitForHealth(200);
    const t0 = Date.now();
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    // Nothing to drain: far below the 10 s grace period, even on a busy runner.
    expect(Date.now() - t0).toBeLessThan(3_000);
  });
});
