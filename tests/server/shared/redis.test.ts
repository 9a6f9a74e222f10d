/**
 * @module tests/server/shared/redis.test
 * The Redis link with nothing listening: it reports "down", warns once however many reconnects fail, never
 * throws at the caller, and logs its address without a password.
 */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectRedis, redisAddressForLog } from '../../../server/shared/redis.js';

const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });

describe('connectRedis', () => {
  it('is down and warns once while nothing answers', async () => {
    const warnings: string[] = [];
    const link = await connectRedis(`redis://:secret-pw@127.0.0.1:${await closedPort()}`, {
      warn: (m) => warnings.push(m),
      info: () => {},
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 700)); // several reconnects at 100, 200, 300 ms
      expect(link.state()).toBe('down');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /^redis: cannot connect to redis:\/\/127\.0\.0\.1:\d+ .*rate limits are not enforced/,
      );
      expect(warnings[0]).not.toContain('secret-pw');
      link.reportFailure(new Error('timeout'));
      expect(warnings).toHaveLength(1);
    } finally {
      await link.close();
    }
  });

  it.each([
    ['redis://user:pw@cache.internal:6380/2', 'redis://cache.internal:6380/2'],
    ['rediss://:pw@cache.internal', 'rediss://cache.internal'],
    ['not a url', 'redis (unparseable REDIS_URL)'],
  ])('logs %s as %s', (url, shown) => {
    expect(redisAddressForLog(url)).toBe(shown);
  });
});
