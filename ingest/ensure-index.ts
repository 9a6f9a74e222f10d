/**
 * @module ingest/ensure-index
 * Whether the index in service was built from the corpus as it is now, and building it when it was not:
 * what `npm start` (AUTO_INGEST), the evaluation scripts and the tests' shared index run before serving.
 */
import type { Config } from '../core/config.js';
import { readIndexManifest } from '../core/index/store.js';
import { corpusFingerprint } from './index/fingerprint.js';
import { runIngest } from './pipeline.js';

export type IndexState = 'missing' | 'stale' | 'fresh';

/** Whether the index in service matches the corpus and the configured embedder provider. */
export async function indexState(config: Config): Promise<IndexState> {
  const found = await readIndexManifest(config.indexDir);
  if (!found) return 'missing';
  const { manifest } = found;
  const provider = manifest.embedder.id.startsWith('openai:') ? 'openai' : 'local';
  if (provider !== config.embeddings.provider) return 'stale';
  const fingerprint = await corpusFingerprint(config.corpusDir, manifest.embedder.id);
  return fingerprint === manifest.corpusFingerprint ? 'fresh' : 'stale';
}

/** Builds the index when it is missing or stale (or always, with `force`); returns what it found. */
export async function ensureIndex(
  config: Config,
  log: (line: string) => void,
  options: { force?: boolean } = {},
): Promise<IndexState> {
  const state = await indexState(config);
  if (state === 'fresh' && !options.force) return state;
  log(
    state === 'missing'
      ? 'No index yet: building it (npm run ingest)…'
      : state === 'stale'
        ? 'Corpus changed since the index was built: rebuilding…'
        : 'The index in service cannot be used: rebuilding it…',
  );
  const report = await runIngest(config, { log, lockWaitMs: 120_000 });
  log(`Index built: ${report.documents.length} documents, ${report.unitCount} units in ${report.seconds.total} s`);
  for (const s of report.skipped) log(`  skipped ${s.file}: ${s.reason}`);
  return state;
}
