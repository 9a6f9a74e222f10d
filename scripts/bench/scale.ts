/**
 * @module scripts/bench/scale
 * Scale: synthetic corpora of 10k and 100k units (synthetic-corpus.ts) through the real ingest pipeline, then
 * a fresh process that loads the index as the server does (buildServices) and serves queries: resident memory
 * after load and after queries, hybrid query latency, and HNSW Recall@10 against an exact scan of the same
 * vectors for queries made of corpus sentences.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ingestOnce, type IngestSample } from './ingest.js';
import { runTask } from './proc.js';
import { latency, megabytes, type Latency } from './stats.js';
import { writeSyntheticCorpus } from './synthetic-corpus.js';

export interface ScaleServeInput {
  indexDir: string;
  corpusDir: string;
  /** The real corpus, whose sentences make the recall queries. */
  sourceDir: string;
  questions: string[];
  queries: number;
  /** Stop the timed queries early after this many seconds (a slow size must not stretch the run unbounded). */
  queryBudgetSeconds: number;
  recallQueries: number;
  seed: number;
}

export interface ScaleServeResult {
  units: number;
  chunks: number;
  loadSeconds: number;
  /** process.memoryUsage() in MB: after imports (before the index), after load, after the queries. */
  memory: {
    baselineRssMb: number;
    afterLoadRssMb: number;
    afterLoadHeapMb: number;
    afterLoadExternalMb: number;
    afterQueriesRssMb: number;
    afterQueriesHeapMb: number;
  };
  hybrid: Latency;
  /** Our HNSW index alone and an exact scan, query embedding included, over the recall queries. */
  hnsw: Latency;
  exact: Latency;
  /** Tie-aware (see retrieval.ts#tieAwareRecall) and by label. */
  recallAt10: number;
  recallAt10ByLabel: number;
  recallQueries: number;
}

/** Runs in the child (child.ts, started with --expose-gc). */
export async function scaleServeTask(input: ScaleServeInput): Promise<ScaleServeResult> {
  const { loadConfig } = await import('../../core/config.js');
  const { buildServices } = await import('../../server/bootstrap.js');
  const { searchVectors } = await import('../../core/index/vectors.js');
  const { exactTopK, storedVectors, tieAwareRecall } = await import('./retrieval.js');
  const { sentencePool } = await import('./synthetic-corpus.js');
  const { sample, seededRandom } = await import('./random.js');
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  // V8 releases the backing stores of collected ArrayBuffers (file bytes read at load) after the collection
  // returns; a second collection after a short pause reads what the service holds, not what it just dropped.
  const settle = async () => {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
    gc();
  };
  const mb = (bytes: number) => megabytes(bytes);

  await settle();
  const baselineRssMb = mb(process.memoryUsage().rss);
  const config = loadConfig({ ...process.env, INDEX_DIR: input.indexDir, CORPUS_DIR: input.corpusDir });
  const t0 = performance.now();
  const services = await buildServices(config);
  const loadSeconds = (performance.now() - t0) / 1000;
  // Garbage from parsing the index files is not what the service holds; collect it before reading memory.
  await settle();
  const afterLoad = process.memoryUsage();

  const search = (query: string) => services.retriever.search({ query, k: 10 });
  // Warm-up, untimed: 20 queries or a tenth of the budget, whichever ends first.
  const warmEnd = performance.now() + (input.queryBudgetSeconds * 1000) / 10;
  for (const q of input.questions.slice(0, 20)) {
    await search(q);
    if (performance.now() > warmEnd) break;
  }
  const ms: number[] = [];
  const deadline = performance.now() + input.queryBudgetSeconds * 1000;
  for (let i = 0; i < input.queries && (i < 20 || performance.now() < deadline); i++) {
    const q = input.questions[i % input.questions.length];
    const t = performance.now();
    await search(q);
    ms.push(performance.now() - t);
  }
  await settle();
  const afterQueries = process.memoryUsage();

  // Recall: sentences of the real corpus as queries (the synthetic units are made of them, so every query has
  // close neighbours, the hard case for an approximate index).
  const pool = await sentencePool(input.sourceDir);
  const queries = sample(seededRandom(input.seed), pool, input.recallQueries);
  const exact = storedVectors(services);
  const hnswMs: number[] = [];
  const exactMs: number[] = [];
  let recall = 0;
  let recallByLabel = 0;
  for (const q of queries) {
    let t = performance.now();
    const found = searchVectors(services.index.vectors, await services.embedder.embedQuery(q), 10);
    hnswMs.push(performance.now() - t);
    t = performance.now();
    const truth = exactTopK(exact.matrix, exact.dims, await services.embedder.embedQuery(q), 10);
    exactMs.push(performance.now() - t);
    recall += tieAwareRecall(
      found.map((f) => f.similarity),
      truth.scores,
      10,
    );
    const want = new Set(truth.labels);
    recallByLabel += found.filter((f) => want.has(f.label)).length / Math.max(1, truth.labels.length);
  }
  return {
    units: services.index.units.length,
    chunks: services.index.chunks.length,
    loadSeconds,
    memory: {
      baselineRssMb,
      afterLoadRssMb: mb(afterLoad.rss),
      afterLoadHeapMb: mb(afterLoad.heapUsed),
      afterLoadExternalMb: mb(afterLoad.external),
      afterQueriesRssMb: mb(afterQueries.rss),
      afterQueriesHeapMb: mb(afterQueries.heapUsed),
    },
    hybrid: latency(ms),
    hnsw: latency(hnswMs),
    exact: latency(exactMs),
    recallAt10: recall / Math.max(1, queries.length),
    recallAt10ByLabel: recallByLabel / Math.max(1, queries.length),
    recallQueries: queries.length,
  };
}

export interface ScaleRun {
  targetUnits: number;
  corpus: { files: number; units: number; megabytes: number; generateSeconds: number };
  ingest: IngestSample;
  /** Bytes of each index file and in total. */
  index: { files: Record<string, number>; totalBytes: number };
  serve: ScaleServeResult;
}

async function buildSize(buildDir: string): Promise<ScaleRun['index']> {
  const files: Record<string, number> = {};
  let totalBytes = 0;
  for (const name of await fs.readdir(buildDir)) {
    const { size } = await fs.stat(path.join(buildDir, name));
    files[name] = size;
    totalBytes += size;
  }
  return { files, totalBytes };
}

export async function measureScale(options: {
  sizes: number[];
  sourceDir: string;
  cacheDir: string;
  tmpDir: string;
  questions: string[];
  queries: number;
  queryBudgetSeconds: number;
  recallQueries: number;
  seed: number;
  nodeArgs?: (label: string) => string[];
  log: (line: string) => void;
}): Promise<ScaleRun[]> {
  const runs: ScaleRun[] = [];
  for (const size of options.sizes) {
    const dir = path.join(options.tmpDir, `synthetic-${size}`);
    const t0 = performance.now();
    const corpus = await writeSyntheticCorpus({ units: size, dir, sourceDir: options.sourceDir, seed: options.seed });
    const generateSeconds = (performance.now() - t0) / 1000;
    options.log(`scale ${size}: corpus of ${corpus.units} units written in ${generateSeconds.toFixed(1)} s; ingesting`);
    const ingest = await ingestOnce(dir, options.cacheDir, options.tmpDir, {
      nodeArgs: options.nodeArgs?.(`scale-ingest-${size}`),
      timeoutMs: 900_000,
    });
    options.log(
      `scale ${size}: ingest ${ingest.seconds.total} s (${ingest.unitsPerSecond.toFixed(0)} units/s; parse ${ingest.seconds.parse}, embed ${ingest.seconds.embed}, index ${ingest.seconds.index})`,
    );
    const index = await buildSize(ingest.buildDir);
    const { result: serve } = await runTask<ScaleServeResult>(
      'scale-serve',
      {
        indexDir: ingest.indexDir,
        corpusDir: dir,
        sourceDir: options.sourceDir,
        questions: options.questions,
        queries: options.queries,
        queryBudgetSeconds: options.queryBudgetSeconds,
        recallQueries: options.recallQueries,
        seed: options.seed,
      } satisfies ScaleServeInput,
      { nodeArgs: ['--expose-gc', ...(options.nodeArgs?.(`scale-serve-${size}`) ?? [])], timeoutMs: 900_000 },
    );
    options.log(
      `scale ${size}: loaded in ${serve.loadSeconds.toFixed(1)} s, RSS ${serve.memory.afterLoadRssMb.toFixed(0)} MB, ` +
        `hybrid p50 ${serve.hybrid.p50.toFixed(2)} ms, Recall@10 ${serve.recallAt10.toFixed(4)}`,
    );
    runs.push({
      targetUnits: size,
      corpus: { files: corpus.files, units: corpus.units, megabytes: megabytes(corpus.bytes), generateSeconds },
      ingest,
      index,
      serve,
    });
    // The next size needs the disk and page cache more than this one's files.
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rm(ingest.indexDir, { recursive: true, force: true });
  }
  return runs;
}
