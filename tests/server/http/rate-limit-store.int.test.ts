/**
 * @module tests/server/http/rate-limit-store.int
 * The shared rate-limit store while Redis cannot be reached: requests are let through (fail open) instead of
 * refused or failed, nothing is logged per request, and counting starts as soon as the connection is ready.
 * The Redis link is a stand-in whose commands go to a tiny in-memory evaluator of the two calls
 * rate-limit-redis makes (SCRIPT LOAD, EVALSHA of its increment script).
 */
import express from 'express';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import type { Redis } from 'ioredis';
import { configWith } from '../../../core/config.js';
import { errorHandler } from '../../../server/http/error-handler.js';
import { SharedRateLimitStore, SharedStoreUnavailable } from '../../../server/http/rate-limit-store.js';
import { rateLimiter } from '../../../server/http/security.js';
import type { RedisLink, RedisState } from '../../../server/shared/redis.js';

/** A link whose state the test sets; when up, counts per key as rate-limit-redis's script would. */
function standInLink() {
  let state: RedisState = 'down';
  const listeners: (() => void)[] = [];
  const counts = new Map<string, number>();
  const call = (command: string, ...args: string[]): Promise<unknown> => {
    if (state !== 'up')
      return Promise.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false"));
    if (command === 'SCRIPT') return Promise.resolve('sha-of-script');
    if (command === 'EVALSHA') {
      const key = args[2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return Promise.resolve([counts.get(key), 60_000]);
    }
    return Promise.resolve(1);
  };
  const reportFailure = vi.fn();
  const link: RedisLink = {
    client: { call } as unknown as Redis,
    state: () => state,
    reportFailure,
    onReady: (listener) => void listeners.push(listener),
    close: () => Promise.resolve(),
  };
  return {
    link,
    reportFailure,
    up() {
      state = 'up';
      for (const l of listeners) l();
    },
    down() {
      state = 'down';
      counts.clear();
    },
  };
}

function appWith(link: RedisLink, limit: number) {
  const app = express();
  app.use(rateLimiter(configWith({ rateLimitPerMinute: limit }), new SharedRateLimitStore(link)));
  app.get('/api/x', (_req, res) => void res.json({ ok: true }));
  app.use(errorHandler({ knownDirs: [] }));
  return app;
}

const statuses = async (app: express.Express, n: number) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await request(app).get('/api/x')).status);
  return out;
};

describe('SharedRateLimitStore', () => {
  it('lets every request through while Redis is down, logging nothing per request', async () => {
    const stand = standInLink();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await statuses(appWith(stand.link, 2), 5)).toEqual([200, 200, 200, 200, 200]);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it('counts once Redis is ready, and fails open again when it goes', async () => {
    const stand = standInLink();
    const app = appWith(stand.link, 2);
    stand.up();
    await vi.waitFor(async () => expect((await request(app).get('/api/x')).headers.ratelimit).toBeDefined());
    expect(await statuses(app, 3)).toEqual([200, 429, 429]);
    stand.down();
    expect(await statuses(app, 3)).toEqual([200, 200, 200]);
    stand.up();
    await vi.waitFor(async () => expect((await request(app).get('/api/x')).status).toBe(200));
    expect(await statuses(app, 2)).toEqual([200, 429]);
  });

  it('reports a failing command to the link and refuses to count it', async () => {
    const stand = standInLink();
    const store = new SharedRateLimitStore(stand.link);
    await expect(store.increment('client')).rejects.toBeInstanceOf(SharedStoreUnavailable);
    expect(stand.reportFailure).not.toHaveBeenCalled();
  });
});
