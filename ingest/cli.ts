/**
 * @module ingest/cli
 * `npm run ingest`: rebuilds the index and prints what it did (documents, units per document, time).
 */
import { Command } from 'commander';
import { loadConfig } from '../core/config.js';
import { isAppError } from '../core/errors.js';
import { runIngest } from './pipeline.js';

const program = new Command()
  .name('ingest')
  .description('Parse the corpus into citable units and build the search index')
  .option('--corpus <dir>', 'corpus folder (default: CORPUS_DIR or ./corpus)')
  .option('--index <dir>', 'index folder (default: INDEX_DIR or ./.index)')
  .option('--wait <seconds>', 'wait this long for another running ingest', '0')
  .parse();

const opts = program.opts<{ corpus?: string; index?: string; wait: string }>();

async function main(): Promise<void> {
  const env = { ...process.env };
  if (opts.corpus) env.CORPUS_DIR = opts.corpus;
  if (opts.index) env.INDEX_DIR = opts.index;
  const config = loadConfig(env);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Ingesting ${config.corpusDir} → ${config.indexDir} (embeddings: ${config.embeddings.provider})`);
  const report = await runIngest(config, { log, lockWaitMs: Number(opts.wait) * 1000 });
  for (const d of report.documents) log(`  ${d.id.padEnd(28)} ${String(d.units).padStart(4)} units  (${d.file})`);
  for (const s of report.skipped) log(`  SKIPPED ${s.file}: ${s.reason}`);
  log(
    `${report.documents.length} documents, ${report.unitCount} units, ${report.chunkCount} chunks, embedder ${report.embedder}`,
  );
  log(
    `Done in ${report.seconds.total} s (parse ${report.seconds.parse} s, embed ${report.seconds.embed} s, index ${report.seconds.index} s)`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${isAppError(err) ? err.message : err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
