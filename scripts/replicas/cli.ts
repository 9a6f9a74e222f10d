/**
 * @module scripts/replicas/cli
 * `npm run start:replicas`: REPLICAS (3) server processes behind Debian's nginx on PORT, sharing rate limits
 * and answers through a Redis (REDIS_URL, or a redis-server started here), over the index build in INDEX_DIR
 * (built first when missing or stale, unless AUTO_INGEST=false). Ctrl-C or SIGTERM stops it all in order.
 * `npm run replicas:update` (update.ts) rolls the running fleet onto a new index build.
 */
import { loadConfig } from '../../core/config.js';
import { readCurrentBuild } from '../../core/index/layout.js';
import { ensureIndex } from '../../ingest/ensure-index.js';
import { runFilePath, serveControl } from './control.js';
import { startFleet } from './fleet.js';
import { SERVER_BUNDLE } from './paths.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (config.autoIngest) await ensureIndex(config, log);
  else if (!(await readCurrentBuild(config.indexDir))) {
    throw new Error(`replicas: no index in ${config.indexDir}; run \`npm run ingest\` first`);
  }
  const fleet = await startFleet({
    replicas: config.replicas,
    host: config.host,
    port: config.port,
    indexDir: config.indexDir,
    entry: SERVER_BUNDLE,
    env: process.env,
    redisUrl: config.redisUrl,
    drainMs: config.shutdownGraceMs,
    onLine: log,
  });
  const control = await serveControl(fleet, runFilePath(config.cacheDir));
  log(
    `${config.replicas} replicas (ports ${fleet
      .replicas()
      .map((r) => r.port)
      .join(
        ', ',
      )}) behind nginx at ${fleet.url}, Redis at ${fleet.redisUrl}, index build ${fleet.indexBuild().slice(0, 12)}`,
  );
  log('Roll onto a new index build: npm run replicas:update. Stop: Ctrl-C.');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping nginx, draining the replicas, stopping Redis…`);
    void control
      .close()
      .then(() => fleet.stop())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
