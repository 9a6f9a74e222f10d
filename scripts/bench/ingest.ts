/**
 * @module scripts/bench/ingest
 * Ingest of a corpus into a temp INDEX_DIR, each run in a fresh process (the word vectors are cached per
 * process, so a second in-process run would not be cold). Two situations:
 *  - warm embedding cache, index absent: what `npm run ingest` costs after a corpus change (repeated);
 *  - embedding cache absent (a temp CACHE_DIR): the first run on a fresh machine, which also converts the
 *    wink JSON into the binary cache. Measured once: it is dominated by that one-time conversion.
 */
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runTask, type TaskOptions } from './proc.js';

export interface IngestTaskInput {
  corpusDir: string;
  indexDir: string;
  cacheDir: string;
}

export interface IngestSample {
  units: number;
  chunks: number;
  documents: number;
  /** What runIngest itself reports: load → swap, excluding process start and module loading. */
  seconds: { total: number; parse: number; embed: number; index: number };
  unitsPerSecond: number;
  /** Peak resident memory of the ingest process. */
  maxRssMb: number;
  /** Fork to exit, tsx start-up included: what a person running `npm run ingest` waits. */
  wallSeconds: number;
  buildDir: string;
}

/** Runs in the child (child.ts): one ingest with the real pipeline and config. */
export async function ingestTask(input: IngestTaskInput): Promise<Omit<IngestSample, 'wallSeconds'>> {
  const { loadConfig } = await import('../../core/config.js');
  const { runIngest } = await import('../../ingest/pipeline.js');
  const config = loadConfig({
    ...process.env,
    CORPUS_DIR: input.corpusDir,
    INDEX_DIR: input.indexDir,
    CACHE_DIR: input.cacheDir,
  });
  const t0 = performance.now();
  const report = await runIngest(config);
  const total = (performance.now() - t0) / 1000;
  return {
    units: report.unitCount,
    chunks: report.chunkCount,
    documents: report.documents.length,
    seconds: { ...report.seconds, total: report.seconds.total || total },
    unitsPerSecond: report.unitCount / (report.seconds.total || total),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    buildDir: report.buildDir,
  };
}

/** One ingest in a fresh process into a new temp index folder under `tmpDir`. */
export async function ingestOnce(
  corpusDir: string,
  cacheDir: string,
  tmpDir: string,
  options: TaskOptions = {},
): Promise<IngestSample & { indexDir: string }> {
  const indexDir = await mkdtemp(path.join(tmpDir, 'index-'));
  const { result, wallMs } = await runTask<Omit<IngestSample, 'wallSeconds'>>(
    'ingest',
    { corpusDir, indexDir, cacheDir } satisfies IngestTaskInput,
    options,
  );
  return { ...result, wallSeconds: wallMs / 1000, indexDir };
}

export interface IngestResults {
  corpusDir: string;
  warm: IngestSample[];
  coldCache: IngestSample | null;
  /** The last warm build: the default index the start, retrieval and load measurements use. */
  indexDir: string;
}

export async function measureIngest(options: {
  corpusDir: string;
  /** The warm embedding cache (the project's .cache, made by any earlier run). */
  cacheDir: string;
  tmpDir: string;
  repeats: number;
  coldCache: boolean;
  nodeArgs?: (label: string) => string[];
  log: (line: string) => void;
}): Promise<IngestResults> {
  const warm: IngestSample[] = [];
  let indexDir = '';
  // One untimed run first: it makes sure the warm cache really exists (a fresh checkout converts here).
  options.log('ingest: preparing the embedding cache (untimed)');
  await ingestOnce(options.corpusDir, options.cacheDir, options.tmpDir);
  for (let i = 0; i < options.repeats; i++) {
    const run = await ingestOnce(options.corpusDir, options.cacheDir, options.tmpDir, {
      nodeArgs: options.nodeArgs?.(`ingest-default-${i + 1}`),
    });
    options.log(`ingest (warm cache) ${i + 1}/${options.repeats}: ${run.seconds.total} s, ${run.units} units`);
    warm.push(run);
    indexDir = run.indexDir;
  }
  let coldCache: IngestSample | null = null;
  if (options.coldCache) {
    const emptyCache = await mkdtemp(path.join(options.tmpDir, 'cache-'));
    coldCache = await ingestOnce(options.corpusDir, emptyCache, options.tmpDir, {
      nodeArgs: options.nodeArgs?.('ingest-cold-cache'),
    });
    options.log(`ingest (no embedding cache): ${coldCache.seconds.total} s`);
  }
  return { corpusDir: options.corpusDir, warm, coldCache, indexDir };
}
