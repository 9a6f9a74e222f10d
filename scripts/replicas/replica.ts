/**
 * @module scripts/replicas/replica
 * One server process behind nginx: the server bundle on a loopback port with AUTO_INGEST=false (replicas
 * never build; they load the index build in INDEX_DIR), its limits and answers shared through REDIS_URL, and
 * TRUST_PROXY=loopback so limits key on the client nginx saw. In service once /healthz answers 200.
 */
import type { HealthReply } from '../../server/routes/health.js';
import { startChild, waitFor, type Child } from './child.js';

export interface Replica {
  name: string;
  port: number;
  url: string;
  child: Child;
}

export interface ReplicaOptions {
  name: string;
  port: number;
  /** The server bundle (dist/server/main.js). */
  entry: string;
  /** The service's settings (OPENAI_*, RATE_LIMIT_PER_MINUTE, …); the replica's own are added. */
  env: NodeJS.ProcessEnv;
  indexDir: string;
  redisUrl: string;
  onLine?: (line: string) => void;
}

export function startReplica(options: ReplicaOptions): Replica {
  const child = startChild({
    name: options.name,
    command: process.execPath,
    args: [options.entry],
    env: {
      ...options.env,
      HOST: '127.0.0.1',
      PORT: String(options.port),
      AUTO_INGEST: 'false',
      CLUSTER_WORKERS: '0',
      INDEX_DIR: options.indexDir,
      REDIS_URL: options.redisUrl,
      TRUST_PROXY: 'loopback',
    },
    onLine: options.onLine,
  });
  return { name: options.name, port: options.port, url: `http://127.0.0.1:${options.port}`, child };
}

/** GET /healthz on one replica: its reply when 200, else undefined. */
export async function healthOf(url: string): Promise<HealthReply | undefined> {
  const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
  if (res.status !== 200) {
    await res.body?.cancel();
    return undefined;
  }
  return (await res.json()) as HealthReply;
}

/** Waits for /healthz 200 and returns it; throws with the replica's output if it exits or takes too long. */
export function waitHealthy(replica: Replica, timeoutMs: number): Promise<HealthReply> {
  return waitFor(replica.child, `/healthz 200 on port ${replica.port}`, timeoutMs, () => healthOf(replica.url));
}
