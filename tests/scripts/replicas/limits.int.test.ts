/**
 * @module tests/scripts/replicas/limits.int
 * Three replicas behind nginx sharing their rate limit through Redis: one client gets exactly the limit
 * accepted, summed over all replicas. Redis stopped mid-load: no 5xx, limits fail open, /healthz says
 * `redis: "down"` on every replica, each logs the outage once; Redis restarted: limits count again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../../../scripts/replicas/redis-server.js';
import { healthOf } from '../../../scripts/replicas/replica.js';
import { afterReplies, countBy, failed, runLoad, type LoadRequest } from '../../../scripts/replicas/load.js';
import { TEST_INDEX_DIR } from '../../support/test-index.js';
import { BINARIES_MISSING, redisClient, startTestFleet, type TestFleet } from './fleet-support.js';

const LIMIT = 20;
const search: LoadRequest = {
  kind: 'search',
  method: 'POST',
  path: '/api/search',
  body: { query: 'carrier sanctions' },
};

describe.skipIf(BINARIES_MISSING)('replicas sharing rate limits through Redis', () => {
  let fleet: TestFleet;
  let restarted: RedisServer | undefined;
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'bp-redis-again-'));

  beforeAll(async () => {
    fleet = await startTestFleet({ RATE_LIMIT_PER_MINUTE: String(LIMIT) }, { indexDir: TEST_INDEX_DIR });
  });
  afterAll(async () => {
    await fleet?.stop();
    await restarted?.stop();
    rmSync(runDir, { recursive: true, force: true });
  });

  const flush = async () => {
    const client = redisClient(fleet.redisUrl);
    await client.connect();
    await client.flushdb();
    client.disconnect();
  };
  const healths = () => Promise.all(fleet.replicas().map((r) => healthOf(r.url)));
  const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}:\n${fleet.lines.slice(-20).join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const twiceTheLimit = () => runLoad({ url: fleet.url, total: 2 * LIMIT, concurrency: 4, next: () => search });

  it('accepts exactly the limit from one client, counted over all replicas', async () => {
    expect((await healths()).map((h) => h?.redis)).toEqual(['up', 'up', 'up']);
    await flush();
    const outcomes = await twiceTheLimit();
    expect(countBy(outcomes, (o) => String(o.status))).toEqual({ 200: LIMIT, 429: LIMIT });
  });

  it('keeps serving with limits open while Redis is down, and counts again once it is back', async () => {
    await flush();
    const redis = fleet.redis!;
    // Redis goes away once the client has used up its limit, with the load still running.
    const progress = afterReplies(60);
    const load = runLoad({
      url: fleet.url,
      total: 200,
      concurrency: 4,
      next: (i) =>
        i % 2
          ? search
          : {
              kind: 'chat',
              method: 'POST',
              path: '/api/chat',
              body: { question: 'What did Prague 1997 say about carrier sanctions?' },
            },
      onOutcome: progress.onOutcome,
    });
    await progress.reached;
    await redis.stop();
    const stoppedAt = performance.now();
    const outcomes = await load;

    expect(outcomes.filter(failed)).toEqual([]);
    expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
    // Far more than the limit got through: the limits failed open.
    expect(outcomes.filter((o) => o.status === 200).length).toBeGreaterThan(2 * LIMIT);

    await until('every replica to report redis down', async () => (await healths()).every((h) => h?.redis === 'down'));
    const downAfter = performance.now() - stoppedAt;
    const afterStop = await twiceTheLimit();
    expect(countBy(afterStop, (o) => String(o.status))).toEqual({ 200: 2 * LIMIT });
    // One warning per replica for the outage, however many requests went uncounted.
    for (const replica of fleet.replicas()) {
      const warnings = fleet.lines.filter(
        (l) => l.startsWith(`[${replica.name}]`) && l.includes('redis: connection to'),
      );
      expect(warnings, replica.name).toHaveLength(1);
    }

    restarted = await startRedisServer({ port: redis.port, runDir });
    const restartedAt = performance.now();
    await until('every replica to report redis up', async () => (await healths()).every((h) => h?.redis === 'up'));
    const upAfter = performance.now() - restartedAt;
    const afterRestart = await twiceTheLimit();
    expect(countBy(afterRestart, (o) => String(o.status))).toEqual({ 200: LIMIT, 429: LIMIT });
    console.info(
      `[replicas] Redis stopped during ${outcomes.length} requests (limit ${LIMIT}): ` +
        `${JSON.stringify(countBy(outcomes, (o) => String(o.status)))}, failed 0; every /healthz said down ` +
        `${Math.round(downAfter)} ms after the stop (load over), up ${Math.round(upAfter)} ms after the restart`,
    );
  }, 60_000);
});
