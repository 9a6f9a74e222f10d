/**
 * @module server/bootstrap
 * Start-up: makes sure an index is in service (building it when missing or stale, if allowed), loads it,
 * checks it was built by the configured embedder, and wires the services the HTTP layer uses.
 */
import { createEmbedder } from '../ingest/embed/select.js';
import { corpusFingerprint } from '../ingest/index/fingerprint.js';
import { loadIndex, readIndexManifest } from '../ingest/index/store.js';
import { runIngest } from '../ingest/pipeline.js';
import { createAnswerer } from './answer/answerer.js';
import { TermStatistics } from './retrieve/term-stats.js';
import { createCatalogue } from './catalogue.js';
import type { Config } from './config.js';
import { IndexError } from './errors.js';
import { createHybridRetriever } from './retrieve/hybrid.js';
import type { Services } from './services.js';

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

/** Builds the index when it is missing or stale; returns what it did. */
export async function ensureIndex(config: Config, log: (line: string) => void): Promise<IndexState> {
  const state = await indexState(config);
  if (state === 'fresh') return state;
  log(
    state === 'missing'
      ? 'No index yet: building it (npm run ingest)…'
      : 'Corpus changed since the index was built: rebuilding…',
  );
  const report = await runIngest(config, { log, lockWaitMs: 120_000 });
  log(`Index built: ${report.documents.length} documents, ${report.unitCount} units in ${report.seconds.total} s`);
  for (const s of report.skipped) log(`  skipped ${s.file}: ${s.reason}`);
  return state;
}

export async function buildServices(config: Config): Promise<Services> {
  const index = await loadIndex(config.indexDir);
  const embedder = await createEmbedder(config, index.embedderState);
  if (embedder.id !== index.manifest.embedder.id) {
    throw new IndexError(
      'INDEX_INCOMPATIBLE',
      `index: built with embedder "${index.manifest.embedder.id}" but the server is configured for "${embedder.id}"; run \`npm run ingest\` to rebuild it`,
    );
  }
  const stats = new TermStatistics(index.units);
  const retriever = createHybridRetriever(index, embedder, {}, { stats });
  const catalogue = createCatalogue(index.documents, index.units);
  const answerer = createAnswerer({
    config,
    retriever,
    documents: index.documents,
    stats,
  });
  return { config, index, embedder, catalogue, retriever, answerer };
}
