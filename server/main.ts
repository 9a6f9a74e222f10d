/**
 * @module server/main
 * `npm start`: reads the config, builds the index if missing or stale, loads it and serves HTTP.
 * With CLUSTER_WORKERS > 0 the primary prepares the index once and forks workers that share the port.
 * SIGTERM/SIGINT: stop accepting, let in-flight requests finish (bounded), exit 0.
 */
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import { availableParallelism } from 'node:os';
import { pino } from 'pino';
import { createApp } from './app.js';
import { buildServices, ensureIndex } from './bootstrap.js';
import { loadConfig, type Config } from './config.js';
import { isAppError } from './errors.js';

function fail(err: unknown): never {
  const message = isAppError(err) ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function shutdownOnSignal(server: Server, config: Config, log: pino.Logger): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, config.shutdownGraceMs).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function serve(config: Config): Promise<void> {
  const log = pino({ level: config.logLevel, redact: ['req.headers.authorization', '*.apiKey'] });
  const services = await buildServices(config);
  const app = createApp(services, { logger: log });
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log.info({ port, host: config.host, pid: process.pid }, `Budapest Process assistant at http://localhost:${port}`);
  });
  server.requestTimeout = config.requestTimeoutMs;
  server.headersTimeout = Math.min(config.requestTimeoutMs, 60_000);
  server.keepAliveTimeout = 5_000;
  shutdownOnSignal(server, config, log);
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (cluster.isPrimary) {
    if (config.autoIngest) await ensureIndex(config, (line) => process.stdout.write(`${line}\n`));
    const workers = config.clusterWorkers === 0 ? 0 : Math.min(config.clusterWorkers, availableParallelism() * 2);
    if (workers > 0) {
      for (let i = 0; i < workers; i++) cluster.fork();
      const stopAll = () => {
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      };
      process.on('SIGTERM', stopAll);
      process.on('SIGINT', stopAll);
      cluster.on('exit', () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
      return;
    }
  }
  await serve(config);
}

main().catch(fail);
