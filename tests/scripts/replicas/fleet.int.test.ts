/**
 * @module tests/scripts/replicas/fleet.int
 * Three replicas behind nginx with Redis and a stand-in LLM (tests/support/fake-openai.ts, whose calls are
 * counted), under bounded loopback loads:
 * - repeated questions: the shared answer cache's hit rate, the LLM calls it saved, and the latency of a hit
 *   through nginx; a cached answer streams as token events then done;
 * - one replica killed (SIGKILL) during a mixed load of searches, JSON chats and streamed chats: no failed
 *   request except streams that were being written by the killed replica, counted;
 * - `npm run replicas:update` under load: no failed request, and from the switch on every answer and
 *   /healthz name the new index build; a question cached on the old build is answered afresh.
 * The figures are printed (docs/scaling.md quotes them).
 */
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveControl, runFilePath } from '../../../scripts/replicas/control.js';
import {
  afterReplies,
  countBy,
  failed,
  percentile,
  runLoad,
  type LoadRequest,
  type Outcome,
} from '../../../scripts/replicas/load.js';
import { healthOf } from '../../../scripts/replicas/replica.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai.js';
import { ROOT } from '../../support/paths.js';
import { cleanEnv, collect, copyCorpus, copyTestIndex, removeDir, tempDir } from '../../reliability/helpers.js';
import { BINARIES_MISSING, redisClient, startTestFleet, type TestFleet } from './fleet-support.js';

/** What the stand-in model takes to answer: small, but a cache hit must not pay it. */
const LLM_DELAY_MS = 150;
const SLOW_ANSWER =
  'The documents address this at some length, recommendation by recommendation, and the passages cited say so in their own words [1].';
const QUESTIONS = [
  'What did Prague 1997 say about carrier sanctions?',
  'Which recommendation deals with fraudulent travel documents?',
  'What does the Call for Action say about return and readmission?',
  'What did the Vienna 2005 meeting say about trafficking in human beings?',
  'What does the Prague 2009 declaration say about legal migration?',
  'How did the Budapest Process start?',
  'What is said about border management?',
  'What do the documents say about smuggling of migrants?',
  'What does the Call for Action say about labour migration?',
  'What is said about asylum?',
];

const chat = (question: string, extra: object = {}): LoadRequest => ({
  kind: 'chat',
  method: 'POST',
  path: '/api/chat',
  body: { question, ...extra },
});
const stream = (question: string): LoadRequest => ({ ...chat(question), kind: 'stream' });
const search = (query: string): LoadRequest => ({
  kind: 'search',
  method: 'POST',
  path: '/api/search',
  body: { query },
});

/**
 * search, chat (LLM), streamed chat, offline chat: the same mix for the kill and the roll. One stream in five
 * asks a question of its own, answered slowly, so the model is streaming answers (not only the cache
 * replaying them) when a replica dies.
 */
function mixed(i: number): LoadRequest {
  const question = QUESTIONS[i % QUESTIONS.length];
  switch (i % 4) {
    case 0:
      return search(question);
    case 1:
      return chat(question);
    case 2:
      return stream(i % 20 === 2 ? `${question} (streamed slowly ${i})` : question);
    default:
      return chat(`${question} (${i % 40})`, { mode: 'extractive' });
  }
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const llmCalls = (fake: FakeOpenAI) => fake.requests.filter((r) => r.path === '/v1/chat/completions').length;
const failures = (outcomes: Outcome[]) => outcomes.filter((o) => failed(o) && !o.cut);

describe.skipIf(BINARIES_MISSING)('replicas behind nginx with Redis', () => {
  let fleet: TestFleet;
  let fake: FakeOpenAI;
  let dir: string;
  let corpusDir: string;
  let indexDir: string;

  beforeAll(async () => {
    dir = tempDir('fleet');
    corpusDir = copyCorpus(dir);
    indexDir = copyTestIndex(dir);
    // Questions marked "(streamed slowly …)" get an answer written word by word, as a model writes a long one.
    fake = await startFakeOpenAI((request) =>
      JSON.stringify(request.body.messages ?? []).includes('(streamed slowly')
        ? { kind: 'reply', text: SLOW_ANSWER, delayMs: LLM_DELAY_MS, chunkDelayMs: 30 }
        : { kind: 'reply', text: 'The documents address this [1].', delayMs: LLM_DELAY_MS },
    );
    fleet = await startTestFleet(
      {
        CORPUS_DIR: corpusDir,
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: fake.url,
        CHAT_MODEL: 'fake-model',
        LLM_MAX_CONCURRENCY: '8',
        ANSWER_CACHE_TTL_SECONDS: '600',
      },
      { indexDir },
    );
    const client = redisClient(fleet.redisUrl);
    await client.connect();
    await client.flushdb();
    client.disconnect();
  });
  afterAll(async () => {
    await fleet?.stop();
    await fake?.close();
    if (dir) removeDir(dir);
  });

  it('answers repeated questions from the shared cache, saving LLM calls; a hit streams as tokens then done', async () => {
    const before = llmCalls(fake);
    const total = 300;
    const outcomes = await runLoad({
      url: fleet.url,
      total,
      concurrency: 8,
      next: (i) => chat(QUESTIONS[i % QUESTIONS.length]),
    });
    const calls = llmCalls(fake) - before;
    expect(outcomes.filter((o) => failed(o) || o.status !== 200)).toEqual([]);
    const hits = outcomes.filter((o) => o.cache === 'hit');
    const misses = outcomes.filter((o) => o.cache === 'miss');
    expect(hits.length + misses.length).toBe(total);
    // At most one miss per question per concurrent client, and no LLM call for a hit.
    expect(misses.length).toBeLessThanOrEqual(QUESTIONS.length * 8);
    expect(calls).toBeLessThanOrEqual(misses.length);
    expect(hits.length / total).toBeGreaterThan(0.7);

    // A hit's own latency through nginx, one at a time (no queueing behind other requests).
    const sequential = await runLoad({
      url: fleet.url,
      total: 100,
      concurrency: 1,
      next: (i) => chat(QUESTIONS[i % QUESTIONS.length]),
    });
    const hitMs = sequential.filter((o) => o.cache === 'hit').map((o) => o.ms);
    expect(hitMs).toHaveLength(100);
    const missMs = misses.map((o) => o.ms);
    console.info(
      `[replicas] repeated questions: ${total} chats over ${QUESTIONS.length} questions, 8 clients: ` +
        `hit rate ${((100 * hits.length) / total).toFixed(1)}%, LLM calls ${calls} (saved ${total - calls}); ` +
        `hit p50 ${ms(percentile(hitMs, 50))}, p95 ${ms(percentile(hitMs, 95))} (sequential, through nginx); ` +
        `miss p50 ${ms(percentile(missMs, 50))} with a ${LLM_DELAY_MS} ms model`,
    );
    expect(percentile(hitMs, 50)).toBeLessThan(LLM_DELAY_MS);

    const res = await fetch(`${fleet.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ question: QUESTIONS[0] }),
    });
    expect(res.headers.get('x-cache')).toBe('hit');
    const events = [...(await res.text()).matchAll(/event: (\w+)\ndata: (.*)\n\n/g)].map((m) => ({
      event: m[1],
      data: JSON.parse(m[2]) as { text?: string; answer?: string; indexBuild?: string },
    }));
    expect(events.at(-1)?.event).toBe('done');
    const tokens = events.filter((e) => e.event === 'token');
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.map((e) => e.data.text).join('')).toBe(events.at(-1)?.data.answer);
    expect(events.at(-1)?.data.indexBuild).toBe(fleet.indexBuild());
  }, 60_000);

  it('loses no request but the streams cut on a replica killed during a mixed load', async () => {
    const total = 2_000;
    const killAfter = 500;
    const progress = afterReplies(killAfter);
    const loadStart = performance.now();
    const load = runLoad({ url: fleet.url, total, concurrency: 8, next: mixed, onOutcome: progress.onOutcome });
    await progress.reached;
    const victim = fleet.replicas()[1];
    const killedAt = performance.now() - loadStart;
    victim.child.process.kill('SIGKILL');
    await victim.child.exited;
    const outcomes = await load;

    expect(failures(outcomes)).toEqual([]);
    expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);
    const cut = outcomes.filter((o) => o.cut);
    const streams = outcomes.filter((o) => o.kind === 'stream').length;
    // Only streams the killed replica was writing are cut: each ends at the kill.
    for (const o of cut) expect(o.at - killedAt).toBeGreaterThan(-50);
    for (const o of cut) expect(o.at - killedAt).toBeLessThan(2_000);
    console.info(
      `[replicas] replica killed during ${total} mixed requests (${JSON.stringify(countBy(outcomes, (o) => o.kind))}), ` +
        `8 clients: statuses ${JSON.stringify(countBy(outcomes, (o) => String(o.status)))}, ` +
        `failed 0, streams cut ${cut.length} of ${streams}, resent ${outcomes.filter((o) => o.resent).length}, ` +
        `load took ${(Math.max(...outcomes.map((o) => o.at)) / 1000).toFixed(1)} s`,
    );
  }, 90_000);

  it('rolls onto a new index build under load with no failed request; answers then name the new build', async () => {
    const oldBuild = fleet.indexBuild();
    const check = 'What is said about visas? (asked on both builds)';
    const ask = async () => {
      const res = await fetch(`${fleet.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: check }),
      });
      const body = (await res.json()) as { indexBuild?: string };
      return { status: res.status, cache: res.headers.get('x-cache'), indexBuild: body.indexBuild };
    };
    expect(await ask()).toEqual({ status: 200, cache: 'miss', indexBuild: oldBuild });
    expect(await ask()).toEqual({ status: 200, cache: 'hit', indexBuild: oldBuild });
    appendFileSync(
      path.join(corpusDir, 'prague-2009-joint-declaration.txt'),
      '\n\nThe ministers welcomed the rolling update of this assistant.\n',
    );
    const runFile = runFilePath(path.join(ROOT, '.cache'));
    const control = await serveControl(fleet, runFile);
    let rolledAt = Infinity;
    let extra = 0;
    let updateLines: string[] = [];
    const loadStart = performance.now();
    const load = runLoad({
      url: fleet.url,
      total: 0,
      concurrency: 6,
      next: mixed,
      // Until the roll is over and 150 requests more.
      keepGoing: () => rolledAt === Infinity || extra++ < 150,
    });
    try {
      const update = spawn(
        process.execPath,
        [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/replicas/update.ts'],
        {
          cwd: ROOT,
          env: cleanEnv({
            CORPUS_DIR: corpusDir,
            INDEX_DIR: indexDir,
            CACHE_DIR: path.join(ROOT, '.cache'),
            LOG_LEVEL: 'warn',
          }),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const run = collect(update);
      const code = await run.exited;
      rolledAt = performance.now() - loadStart;
      expect(code, run.output()).toBe(0);
      expect(run.output()).toMatch(/index build \w{12} → \w{12}/);
      updateLines = run.output().trim().split('\n');
    } finally {
      await control.close();
    }
    const outcomes = await load;
    const newBuild = fleet.indexBuild();
    expect(newBuild).not.toBe(oldBuild);

    expect(outcomes.filter((o) => failed(o) || o.status !== 200)).toEqual([]);
    const after = outcomes.filter((o) => o.sentAt > rolledAt && o.kind !== 'health');
    expect(after.length).toBeGreaterThan(100);
    expect(new Set(after.map((o) => o.indexBuild))).toEqual(new Set([newBuild]));
    const builds = countBy(outcomes, (o) =>
      o.indexBuild === oldBuild ? 'old' : o.indexBuild === newBuild ? 'new' : 'none',
    );
    console.info(
      `[replicas] rolling update under load: ${outcomes.length} requests, 6 clients, failed 0 ` +
        `(${outcomes.filter((o) => o.resent).length} resent after nginx closed a keep-alive connection), ` +
        `answered by the old build ${builds.old ?? 0}, by the new ${builds.new ?? 0}; \`npm run replicas:update\` took ${(rolledAt / 1000).toFixed(1)} s: ${updateLines.filter((l) => /^(?:Index built|Done)/.test(l)).join('; ')}`,
    );

    expect((await fetch(`${fleet.url}/healthz`).then((r) => r.json())) as { indexBuild: string }).toMatchObject({
      indexBuild: newBuild,
    });
    for (const replica of fleet.replicas()) expect((await healthOf(replica.url))?.indexBuild).toBe(newBuild);
    // The answer cached on the old build is not served by the new one.
    expect(await ask()).toEqual({ status: 200, cache: 'miss', indexBuild: newBuild });
    expect(await ask()).toEqual({ status: 200, cache: 'hit', indexBuild: newBuild });
  }, 120_000);
});
