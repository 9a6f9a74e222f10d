/**
 * @module scripts/replicas/fleet
 * Replicas behind nginx with Redis, on one machine: starts Redis (unless one is given), n replicas over one
 * index build, and nginx in front once every replica answers /healthz; rolls them onto a new index build
 * (new replicas, health-checked, nginx reloaded onto them, the old drained); stops everything in order
 * (nginx, then the replicas with their in-flight requests finished, then Redis).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startNginx, type Nginx } from './nginx.js';
import { startRedisServer, type RedisServer } from './redis-server.js';
import { startReplica, waitHealthy, type Replica } from './replica.js';

export interface FleetOptions {
  replicas: number;
  /** Where nginx listens; port 0 picks a free one. */
  host: string;
  port: number;
  indexDir: string;
  /** The server bundle each replica runs. */
  entry: string;
  /** The service's settings for every replica. */
  env: NodeJS.ProcessEnv;
  /** A Redis to use; without it one is started on a free port. */
  redisUrl?: string;
  /** How long a replica may take to answer /healthz 200. */
  healthTimeoutMs?: number;
  /** How long old nginx workers and replicas may take to finish in-flight requests during a roll or stop. */
  drainMs?: number;
  onLine?: (line: string) => void;
}

export interface RollReport {
  from: string;
  to: string;
  /** Ports of the replicas now in service. */
  ports: number[];
  ms: number;
  /** Starting the new replicas until all answer /healthz; reloading nginx; draining and stopping the old. */
  phases: { start: number; switch: number; drain: number };
}

export interface Fleet {
  /** nginx: where clients go. */
  url: string;
  redisUrl: string;
  /** The Redis this fleet started (absent when given one). */
  redis: RedisServer | undefined;
  nginx: Nginx;
  replicas(): readonly Replica[];
  /** The index build the replicas in service loaded. */
  indexBuild(): string;
  /** Puts the index build now in INDEX_DIR in service, replica set by replica set, without dropping a request. */
  roll(): Promise<RollReport>;
  stop(): Promise<void>;
}

/** A port free on 127.0.0.1 now, for a process that must be told its port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'bp-replicas-'));
  const healthTimeoutMs = options.healthTimeoutMs ?? 60_000;
  const drainMs = options.drainMs ?? 15_000;
  const started: { stop(): Promise<void> }[] = [];
  let generation = 0;

  const stopReplicas = (replicas: readonly Replica[]) =>
    Promise.all(replicas.map((r) => r.child.stop('SIGTERM', drainMs))).then(() => undefined);

  /** n replicas on free ports, all healthy on the same index build; none left running if any fails. */
  async function replicaSet(redisUrl: string): Promise<{ replicas: Replica[]; indexBuild: string }> {
    generation++;
    const replicas: Replica[] = [];
    try {
      for (let i = 0; i < options.replicas; i++) {
        replicas.push(
          startReplica({
            name: `replica ${generation}.${i + 1}`,
            port: await freePort(),
            entry: options.entry,
            env: options.env,
            indexDir: options.indexDir,
            redisUrl,
            onLine: options.onLine,
          }),
        );
      }
      const health = await Promise.all(replicas.map((r) => waitHealthy(r, healthTimeoutMs)));
      const builds = new Set(health.map((h) => h.indexBuild));
      if (builds.size !== 1)
        throw new Error(`replicas: replicas loaded different index builds (${[...builds].join(', ')})`);
      return { replicas, indexBuild: health[0].indexBuild };
    } catch (err) {
      await Promise.all(replicas.map((r) => r.child.stop('SIGKILL')));
      throw err;
    }
  }

  try {
    let redis: RedisServer | undefined;
    if (!options.redisUrl) {
      redis = await startRedisServer({ port: await freePort(), runDir, onLine: options.onLine });
      started.push(redis);
    }
    const redisUrl = options.redisUrl ?? redis!.url;
    let current = await replicaSet(redisUrl);
    started.push({ stop: () => stopReplicas(current.replicas) });
    const port = options.port || (await freePort());
    const nginx = await startNginx({
      runDir,
      host: options.host,
      port,
      upstreams: current.replicas.map((r) => r.port),
      onLine: options.onLine,
    });
    started.push(nginx);

    let rolling: Promise<unknown> = Promise.resolve();
    const roll = async (): Promise<RollReport> => {
      const t0 = performance.now();
      const from = current.indexBuild;
      const next = await replicaSet(redisUrl);
      const t1 = performance.now();
      const { oldWorkersGone } = await nginx.reload(next.replicas.map((r) => r.port));
      const old = current;
      current = next;
      const t2 = performance.now();
      // Old nginx workers may still be passing a request to an old replica: let them finish first.
      await Promise.race([oldWorkersGone, new Promise((resolve) => setTimeout(resolve, drainMs))]);
      await stopReplicas(old.replicas);
      const t3 = performance.now();
      return {
        from,
        to: next.indexBuild,
        ports: next.replicas.map((r) => r.port),
        ms: Math.round(t3 - t0),
        phases: { start: Math.round(t1 - t0), switch: Math.round(t2 - t1), drain: Math.round(t3 - t2) },
      };
    };

    let stopping: Promise<void> | undefined;
    return {
      url: nginx.url,
      redisUrl,
      redis,
      nginx,
      replicas: () => current.replicas,
      indexBuild: () => current.indexBuild,
      roll() {
        const result = rolling.then(roll);
        rolling = result.catch(() => undefined);
        return result;
      },
      stop() {
        stopping ??= (async () => {
          await rolling;
          for (const part of started.reverse()) await part.stop();
          rmSync(runDir, { recursive: true, force: true });
        })();
        return stopping;
      },
    };
  } catch (err) {
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
    rmSync(runDir, { recursive: true, force: true });
    throw err;
  }
}
