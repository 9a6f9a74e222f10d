/**
 * @module server/bootstrap
 * Start-up: makes sure an index is in service (building it when missing or stale, if allowed), loads it,
 * checks it was built by the configured embedder, and wires the services the HTTP layer uses.
 * `startServices` never gives up on a missing or damaged index: it reports why the service is not ready
 * and waits for an ingest to put a new one in service. Only a bad configuration is fatal.
 */
import { createEmbedder } from '../ingest/embed/select.js';
import { corpusFingerprint } from '../ingest/index/fingerprint.js';
import { readCurrentBuild } from '../ingest/index/layout.js';
import { loadIndex, readIndexManifest } from '../ingest/index/store.js';
import { runIngest } from '../ingest/pipeline.js';
import { createAnswerer } from './answer/answerer.js';
import { TermStatistics } from './retrieve/term-stats.js';
import { createCatalogue } from './catalogue.js';
import type { Config } from './config.js';
import { ConfigError, IndexError, isAppError } from './errors.js';
import { createHybridRetriever, termBridges } from './retrieve/hybrid.js';
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

export async function buildServices(config: Config): Promise<Services> {
  const index = await loadIndex(config.indexDir);
  const embedder = await createEmbedder(config, index.embedderState);
  if (embedder.id !== index.manifest.embedder.id) {
    throw new IndexError(
      'INDEX_INCOMPATIBLE',
      `index: built with embedder "${index.manifest.embedder.id}" but the server is configured for "${embedder.id}"; run \`npm run ingest\` to rebuild it`,
    );
  }
  const stats = new TermStatistics(index.lexical, termBridges(index, embedder));
  const retriever = createHybridRetriever(index, embedder, {}, { stats });
  const catalogue = createCatalogue(index.documents, index.units);
  const answerer = createAnswerer({
    config,
    retriever,
    documents: index.documents,
    units: index.units,
    stats,
  });
  return { config, index, embedder, catalogue, retriever, answerer, stats };
}

export interface StartOptions {
  /** Build the index when missing, stale or damaged (AUTO_INGEST). */
  autoIngest: boolean;
  /** Progress for people (ingest report lines, what start-up is waiting for). */
  log: (line: string) => void;
  /** Why requests cannot be served yet; shown to clients as 503 INDEX_NOT_READY (paths are stripped). */
  onNotReady: (reason: string, err?: unknown) => void;
  /** Waits before looking for a new index again; tests and cluster workers can wake it early. */
  pause?: (ms: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Services over the index in service, however long that takes: builds it first when allowed, and while
 * it is missing or damaged keeps reporting why and waits for `CURRENT` to name another build. Rejects only
 * for a configuration error (e.g. EMBEDDINGS=openai without a key), which no ingest can fix.
 */
export async function startServices(config: Config, options: StartOptions): Promise<Services> {
  const pause = options.pause ?? sleep;
  let repairTried = false;
  const ingest = async (force: boolean) => {
    options.onNotReady('index: the index is being built; retry in a few seconds');
    try {
      await ensureIndex(config, options.log, { force });
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      // The index in service (if any) is untouched by a failed ingest; serve it rather than nothing.
      options.log(`Ingest failed: ${isAppError(err) ? err.message : String(err)}`);
    }
  };
  if (options.autoIngest) await ingest(false);
  for (;;) {
    const pointer = await readCurrentBuild(config.indexDir);
    options.onNotReady('index: the index is being loaded; retry in a few seconds');
    try {
      return await buildServices(config);
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      const reason = notReadyReason(err);
      options.onNotReady(reason, err);
      if (options.autoIngest && !repairTried && isAppError(err) && err.code !== 'INDEX_MISSING') {
        repairTried = true;
        await ingest(true);
        continue;
      }
    }
    while ((await readCurrentBuild(config.indexDir)) === pointer) await pause(config.indexPollMs);
  }
}

function notReadyReason(err: unknown): string {
  if (err instanceof IndexError) {
    return err.code === 'INDEX_MISSING'
      ? 'index: no index has been built yet; run `npm run ingest` (the server picks it up when done)'
      : `${err.message} (the server picks it up when done)`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `index: the index could not be loaded (${message.slice(0, 200)}); run \`npm run ingest\` to rebuild it`;
}
