/**
 * @module server/shared/redis
 * The connection replicas share rate limits and answers through (REDIS_URL). It is never in a request's way:
 * while Redis is unreachable commands fail at once instead of queueing, each command is bounded by a short
 * timeout, the client reconnects on its own, and its state is what /healthz reports (`redis: "up" | "down"`).
 * An outage is logged once when it starts and once when it ends, however many commands fail in between.
 * ioredis is imported on demand, so a process without REDIS_URL never loads it.
 */
import type { Redis } from 'ioredis';

export type RedisState = 'up' | 'down';

export interface RedisLink {
  readonly client: Redis;
  state(): RedisState;
  /** A command failed while the connection looked up (e.g. it timed out): reported once per outage. */
  reportFailure(err: unknown): void;
  /** Runs `listener` every time the connection becomes ready: the first connect and each reconnect. */
  onReady(listener: () => void): void;
  /** Ends the connection; no reconnect follows. */
  close(): Promise<void>;
}

export interface RedisLog {
  warn(message: string): void;
  info(message: string): void;
}

/** A shared store that answers slower than this is treated as down for that request (fail open). */
export const REDIS_COMMAND_TIMEOUT_MS = 250;
/** Reconnect attempts back off to at most this, so a returning Redis is picked up within a second. */
const MAX_RECONNECT_DELAY_MS = 1_000;

/** `redis://user:secret@host:6379/0` as it may be logged: without the password. */
export function redisAddressForLog(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.username = '';
    return u.toString();
  } catch {
    return 'redis (unparseable REDIS_URL)';
  }
}

/** Connects in the background; the link reports "down" until the first connect succeeds. */
export async function connectRedis(url: string, log: RedisLog): Promise<RedisLink> {
  const { Redis: RedisClient } = await import('ioredis');
  const where = redisAddressForLog(url);
  const client = new RedisClient(url, {
    enableOfflineQueue: false,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  });
  const listeners: (() => void)[] = [];
  let outage: 'none' | 'reported' = 'none';
  let everReady = false;
  const reportDown = (why: string) => {
    if (outage === 'reported') return;
    outage = 'reported';
    const what = everReady ? `connection to ${where} lost` : `cannot connect to ${where}`;
    log.warn(`redis: ${what} (${why}); rate limits are not enforced and answers are not shared until it is back`);
  };
  client.on('ready', () => {
    if (outage === 'reported') log.info(`redis: connected to ${where} again; rate limits enforced`);
    outage = 'none';
    everReady = true;
    for (const listener of listeners) listener();
  });
  // ioredis emits an error for every failed reconnect; the outage is reported once.
  client.on('error', (err: Error) => reportDown(err.message));
  client.on('close', () => {
    if (everReady) reportDown('connection closed');
  });
  return {
    client,
    state: () => (client.status === 'ready' ? 'up' : 'down'),
    reportFailure: (err) => reportDown(err instanceof Error ? err.message : String(err)),
    onReady(listener) {
      listeners.push(listener);
      if (client.status === 'ready') listener();
    },
    async close() {
      listeners.length = 0;
      client.removeAllListeners('close');
      // quit() waits for a reply that never comes from a dead server; disconnect() does not wait.
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}
