/**
 * @module bin/start
 * `npm start`: listens at once, builds the index if missing or stale (AUTO_INGEST), loads it and then
 * serves. Until the index is in service every API call and /healthz get 503 INDEX_NOT_READY with the
 * reason; a missing or damaged index keeps the process up, waiting for an ingest, instead of killing it.
 * With CLUSTER_WORKERS > 0 the primary builds the index once while the workers already listen.
 * With REDIS_URL, rate limits and the answer cache are shared with the other replicas through Redis.
 * SIGTERM/SIGINT: stop accepting, let in-flight requests finish (bounded by SHUTDOWN_GRACE_MS), exit 0.
 * It sits above both ingest/ (which builds the index) and server/ (which serves it) and wires them together.
 */
import cluster from 'node:cluster';
import { createServer, type Server } from 'node:http';
import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import { createApp, createNotReadyApp } from '../server/app.js';
import { ensureIndex } from '../ingest/ensure-index.js';
import { startServices } from '../server/bootstrap.js';
import { loadConfig, type Config } from '../core/config.js';
import { isAppError } from '../core/errors.js';
import { createLogger } from '../server/http/logging.js';
import { configureServer, createGate, drainOnSignal, httpServerOptions } from '../server/http/server.js';
import { connectRedis } from '../server/shared/redis.js';

const INDEX_READY = 'index-ready';

function fail(err: unknown): never {
  const message = isAppError(err) ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function listen(server: Server, config: Config): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : config.port);
    });
  });
}

/** A pause that a message from the cluster primary ("the index is ready") cuts short. */
function pauseUntilNudged(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      process.off('message', onMessage);
      resolve();
    };
    const onMessage = (message: unknown) => {
      if (message === INDEX_READY) done();
    };
    const timer = setTimeout(done, ms);
    process.on('message', onMessage);
  });
}

async function serve(config: Config, log: Logger, options: { autoIngest: boolean }): Promise<void> {
  let reason = 'index: the server is starting; retry in a few seconds';
  const gate = createGate(createNotReadyApp(config, () => reason, { logger: log }));
  const server = createServer(httpServerOptions(config), gate.listener);
  configureServer(server, config);
  drainOnSignal(server, gate, { graceMs: config.shutdownGraceMs, log });
  const port = await listen(server, config);
  log.info({ port, host: config.host }, `Budapest Process assistant at http://localhost:${port}`);

  const services = await startServices(config, {
    buildIndex: options.autoIngest
      ? ({ force }) => ensureIndex(config, (line) => log.info(line), { force })
      : undefined,
    log: (line) => log.info(line),
    onNotReady: (why, err) => {
      reason = why;
      if (err) log.error({ err }, why);
    },
    pause: cluster.isWorker ? pauseUntilNudged : undefined,
  });
  // Connects in the background: until Redis answers, limits fail open and answers are not shared.
  const redis = config.redisUrl
    ? await connectRedis(config.redisUrl, { warn: (m) => log.warn(m), info: (m) => log.info(m) })
    : undefined;
  gate.serve(createApp(services, { logger: log, redis }));
  log.info(
    { documents: services.index.manifest.documents.length, units: services.index.manifest.unitCount },
    'index loaded: ready',
  );
}

/** The cluster primary: forks the workers at once (they answer 503 until ready), builds the index, tells them. */
async function primary(config: Config, log: Logger, workers: number): Promise<void> {
  let stopping = false;
  const restarts: number[] = [];
  const fork = () => cluster.fork({ AUTO_INGEST: 'false' });
  for (let i = 0; i < workers; i++) fork();
  const stopAll = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stopAll);
  process.on('SIGINT', stopAll);
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      // A crashed worker is replaced, but not in a tight loop if it crashes at start every time.
      const now = Date.now();
      while (restarts.length && now - restarts[0] > 60_000) restarts.shift();
      if (restarts.length < workers * 3) {
        restarts.push(now);
        log.error({ pid: worker.process.pid, code, signal }, 'worker died; starting another');
        fork();
        return;
      }
      log.error({ pid: worker.process.pid, code, signal }, 'workers keep dying; not restarting');
    }
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(stopping ? 0 : 1);
  });
  if (config.autoIngest) {
    try {
      await ensureIndex(config, (line) => log.info(line));
    } catch (err) {
      // The workers keep serving the previous index, or 503 with the reason, rather than the cluster dying.
      log.error({ err }, `ingest failed: ${isAppError(err) ? err.message : String(err)}`);
    }
    for (const w of Object.values(cluster.workers ?? {})) w?.send(INDEX_READY);
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config);
  if (cluster.isPrimary) {
    const workers = config.clusterWorkers === 0 ? 0 : Math.min(config.clusterWorkers, availableParallelism() * 2);
    if (workers > 0) return primary(config, log, workers);
  }
  await serve(config, log, { autoIngest: config.autoIngest && cluster.isPrimary });
}

main().catch(fail);
