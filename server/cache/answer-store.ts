/**
 * @module server/cache/answer-store
 * Where cached answers live: in this process (a bounded LRU from lru-cache, the default) or in Redis
 * (REDIS_URL), where every replica finds what any of them wrote. Entries expire after the configured TTL.
 * The Redis store never fails a request: while Redis is down or slow every lookup is a miss and nothing is
 * written (the link logs the outage once).
 */
import { LRUCache } from 'lru-cache';
import type { ChatReply } from '../answer/types.js';
import type { RedisLink } from '../shared/redis.js';

export interface CachedAnswer {
  reply: ChatReply;
  /** When it was written (ms since the epoch), for the Age header. */
  storedAt: number;
}

export interface AnswerStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<CachedAnswer | undefined>;
  set(key: string, answer: CachedAnswer): Promise<void>;
}

/** Entries are kept as JSON text, so a served answer is always a fresh copy nobody else holds. */
function parse(text: string | null | undefined): CachedAnswer | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as CachedAnswer;
    return value && typeof value.storedAt === 'number' && value.reply ? value : undefined;
  } catch {
    return undefined;
  }
}

export function memoryAnswerStore(options: { ttlSeconds: number; maxEntries: number }): AnswerStore {
  const entries = new LRUCache<string, string>({ max: options.maxEntries, ttl: options.ttlSeconds * 1000 });
  return {
    kind: 'memory',
    get: (key) => Promise.resolve(parse(entries.get(key))),
    set: (key, answer) => {
      entries.set(key, JSON.stringify(answer));
      return Promise.resolve();
    },
  };
}

export function redisAnswerStore(link: RedisLink, options: { ttlSeconds: number }): AnswerStore {
  return {
    kind: 'redis',
    async get(key) {
      if (link.state() !== 'up') return undefined;
      try {
        return parse(await link.client.get(key));
      } catch (err) {
        link.reportFailure(err);
        return undefined;
      }
    },
    async set(key, answer) {
      if (link.state() !== 'up') return;
      try {
        await link.client.set(key, JSON.stringify(answer), 'PX', options.ttlSeconds * 1000);
      } catch (err) {
        link.reportFailure(err);
      }
    },
  };
}
