/**
 * @module server/bootstrap
 * Start-up: makes sure an index is in service (through the builder it is given, when allowed), loads it,
 * checks it was built by the configured embedder, and wires the services the HTTP layer uses. Building is
 * ingest's work: the process entry (bin/start.ts) passes `ensureIndex` in, so the server never imports ingest.
 * `startServices` never gives up on a missing or damaged index: it reports why the service is not ready
 * and waits for an ingest to put a new one in service. Only a bad configuration is fatal.
 */
import { createEmbedder } from '../core/embed/select.js';
import { readCurrentBuild } from '../core/index/layout.js';
import { loadIndex } from '../core/index/store.js';
import { createAnswerer } from './answer/answerer.js';
import { TermStatistics } from './retrieve/term-stats.js';
import { noGlossary, projectGlossary } from './retrieve/glossary.js';
import { createCatalogue } from './catalogue.js';
import type { Config } from '../core/config.js';
import { ConfigError, IndexError, isAppError } from '../core/errors.js';
import { createHybridRetriever, termBridges } from './retrieve/hybrid.js';
import type { Services } from './services.js';

export async function buildServices(config: Config): Promise<Services> {
  const index = await loadIndex(config.indexDir);
  const embedder = await createEmbedder(config, index.embedderState);
  if (embedder.id !== index.manifest.embedder.id) {
    throw new IndexError(
      'INDEX_INCOMPATIBLE',
      `index: built with embedder "${index.manifest.embedder.id}" but the server is configured for "${embedder.id}"; run \`npm run ingest\` to rebuild it`,
    );
  }
  const stats = new TermStatistics(
    index.lexical,
    termBridges(index, embedder, config.wording.bridges, config.wording.knownWords),
    config.wording.glossary ? projectGlossary : noGlossary,
  );
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
  /** Builds the index when missing or stale (or always, with `force`); given only when AUTO_INGEST allows. */
  buildIndex?: (options: { force: boolean }) => Promise<unknown>;
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
  const { buildIndex } = options;
  const ingest = async (force: boolean) => {
    if (!buildIndex) return;
    options.onNotReady('index: the index is being built; retry in a few seconds');
    try {
      await buildIndex({ force });
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      // The index in service (if any) is untouched by a failed ingest; serve it rather than nothing.
      options.log(`Ingest failed: ${isAppError(err) ? err.message : String(err)}`);
    }
  };
  if (buildIndex) await ingest(false);
  for (;;) {
    const pointer = await readCurrentBuild(config.indexDir);
    options.onNotReady('index: the index is being loaded; retry in a few seconds');
    try {
      return await buildServices(config);
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      const reason = notReadyReason(err);
      options.onNotReady(reason, err);
      if (buildIndex && !repairTried && isAppError(err) && err.code !== 'INDEX_MISSING') {
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
