/**
 * @module server/http/rate-limit-store
 * The rate limit's store when replicas share Redis (REDIS_URL): rate-limit-redis counts each client's
 * requests in one place, so n replicas allow the limit once, not n times. Redis going away must not stop
 * the service, so while it is down every count fails fast and the limiter lets the request through
 * (express-rate-limit's `passOnStoreError`); the outage is logged once, by the link. rate-limit-redis loads its
 * Lua scripts when created and keeps a failed load for good, so a fresh one is made at every (re)connect:
 * counting resumes as soon as Redis is back, even one restarted empty.
 */
import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { RedisLink } from '../shared/redis.js';

/** Counts could not be read or written: the request is let through (fail open). */
export class SharedStoreUnavailable extends Error {
  constructor(reason: string) {
    super(`rate limit: the shared store is unavailable (${reason}); request allowed without counting`);
    this.name = 'SharedStoreUnavailable';
  }
}

export class SharedRateLimitStore implements Store {
  readonly prefix: string;
  readonly localKeys = false;
  private options: Options | undefined;
  private ready: RedisStore | undefined;

  constructor(
    private readonly link: RedisLink,
    prefix = 'bp:rl:',
  ) {
    this.prefix = prefix;
  }

  init(options: Options): void {
    this.options = options;
    this.link.onReady(() => void this.prepare());
  }

  private async prepare(): Promise<void> {
    const options = this.options;
    if (!options) return;
    const store = new RedisStore({
      prefix: this.prefix,
      sendCommand: (command: string, ...args: string[]) =>
        this.link.client.call(command, ...args) as Promise<RedisReply>,
    });
    try {
      await store.init(options);
      this.ready = store;
    } catch (err) {
      // Down again before the scripts loaded; the next reconnect makes another.
      this.link.reportFailure(err);
    }
  }

  /** Runs `op` on the Redis store, or fails fast (and quietly: the link reports the outage once). */
  private async use<T>(op: (store: RedisStore) => Promise<T>): Promise<T> {
    const store = this.ready;
    if (!store || this.link.state() !== 'up') throw new SharedStoreUnavailable('not connected');
    try {
      return await op(store);
    } catch (err) {
      this.link.reportFailure(err);
      throw new SharedStoreUnavailable(err instanceof Error ? err.message : String(err));
    }
  }

  increment(key: string): Promise<IncrementResponse> {
    return this.use((store) => store.increment(key));
  }

  get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return this.use((store) => store.get(key));
  }

  decrement(key: string): Promise<void> {
    return this.use((store) => store.decrement(key));
  }

  resetKey(key: string): Promise<void> {
    return this.use((store) => store.resetKey(key));
  }
}

/**
 * express-rate-limit's logger: the store's own failures are already reported (once per outage) by the link,
 * so they are not logged per request; anything else the library says goes to the console as it would anyway.
 */
export const rateLimitLogger = {
  warn: (...args: unknown[]): void => console.warn(...args),
  error: (...args: unknown[]): void => {
    if (args[0] instanceof SharedStoreUnavailable) return;
    console.error(...args);
  },
};
