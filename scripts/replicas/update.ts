/**
 * @module scripts/replicas/update
 * `npm run replicas:update [-- --force]`: the rolling index update. Builds the index from the corpus as it is
 * now (when it changed, or always with --force), then has the running `npm run start:replicas` start new
 * replicas on it, wait for their /healthz, reload nginx onto them and drain the old ones. Clients see no
 * failed request; answers name the new build (`indexBuild`) from the switch on.
 */
import { Command } from 'commander';
import { loadConfig } from '../../core/config.js';
import { ensureIndex } from '../../ingest/ensure-index.js';
import { runIngest } from '../../ingest/pipeline.js';
import { requestRoll, runFilePath } from './control.js';

const opts = new Command()
  .name('replicas:update')
  .description('Build a new index and roll the running replicas onto it')
  .option('--force', 'rebuild the index even if the corpus did not change')
  .parse()
  .opts<{ force?: boolean }>();

async function main(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (opts.force) {
    log('Rebuilding the index (--force)…');
    const report = await runIngest(config, { log, lockWaitMs: 120_000 });
    log(`Index built: ${report.documents.length} documents, ${report.unitCount} units in ${report.seconds.total} s`);
  } else if ((await ensureIndex(config, log)) === 'fresh') {
    log('The index is up to date with the corpus; rolling the replicas onto it anyway.');
  }
  log('Starting new replicas, switching nginx, draining the old ones…');
  const report = await requestRoll(runFilePath(config.cacheDir));
  log(
    `Done in ${(report.ms / 1000).toFixed(1)} s (new replicas healthy in ${report.phases.start} ms, nginx reloaded in ` +
      `${report.phases.switch} ms, old ones drained in ${report.phases.drain} ms): index build ` +
      `${report.from.slice(0, 12)} → ${report.to.slice(0, 12)}, replicas on ports ${report.ports.join(', ')}`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
