/**
 * @module core/index/vectors
 * The HNSW vector store (hnswlib-node, cosine). One point per chunk; the label is the chunk's position
 * in chunks.json, which maps back to its unit.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import hnswlib from 'hnswlib-node';

const { HierarchicalNSW } = hnswlib;
export type VectorIndex = InstanceType<typeof HierarchicalNSW>;

/**
 * M and efConstruction trade build time and memory for recall; efSearch trades query time for recall.
 * Measured in docs/benchmarks.md (Recall@10 vs an exact scan at 10k and 100k units): at 100k units,
 * efConstruction 200 → 100 halved the build (26.8 s → 12.7 s, a third of the whole ingest) while Recall@10
 * at efSearch 128 stayed 0.9985 (0.9995 before); 64 would save 4 s more at 0.998, but leaves less margin
 * for embedders with wider, less clustered vectors.
 */
export const HNSW_PARAMS = { m: 16, efConstruction: 100, efSearch: 128, seed: 42 } as const;

/** Builds the index here and now, on the calling thread. */
export function buildVectorIndexSync(vectors: ArrayLike<number>[], dimensions: number): VectorIndex {
  const index = new HierarchicalNSW('cosine', dimensions);
  index.initIndex({
    maxElements: Math.max(1, vectors.length),
    m: HNSW_PARAMS.m,
    efConstruction: HNSW_PARAMS.efConstruction,
    randomSeed: HNSW_PARAMS.seed,
  });
  vectors.forEach((v, label) => index.addPoint(Array.from(v), label));
  index.setEf(HNSW_PARAMS.efSearch);
  return index;
}

/** An index being built; `writeTo` waits for it and writes it (what ingest's writeIndex does with it). */
export interface VectorIndexBuild {
  writeTo(file: string): Promise<void>;
}

/**
 * Below this many vectors the index is built on the calling thread: a worker costs ~50 ms to start (the
 * default corpus builds in ~30 ms), and the overlap only pays when the build takes seconds.
 */
export const WORKER_BUILD_MIN_VECTORS = 5_000;

/**
 * Starts building the index and returns at once. A large index is built on a worker thread: hnswlib's
 * insertions are single-threaded native code, and at 100k chunks they took 13–19 s during which the ingest's
 * other index work (BM25, serialising, checksums; ~15 s of JS) can run on the other core. The worker inserts
 * the same float64 values in the same order with the same seed, so the file it writes is the one a build on
 * this thread would write, byte for byte.
 */
export function buildVectorIndex(vectors: ArrayLike<number>[], dimensions: number): VectorIndexBuild {
  if (vectors.length < WORKER_BUILD_MIN_VECTORS) {
    const index = buildVectorIndexSync(vectors, dimensions);
    return { writeTo: async (file) => index.writeIndexSync(file) };
  }
  return buildInWorker(vectors, dimensions);
}

/**
 * The worker's code, run with `eval` so that it needs no file of its own: the server bundle (dist/) runs
 * ingest too, and a worker script would have to be shipped beside it. CommonJS, as eval workers are.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { HierarchicalNSW } = require(workerData.hnswlib);
const { dims, count, params } = workerData;
const values = new Float64Array(workerData.buffer);
try {
  const index = new HierarchicalNSW('cosine', dims);
  index.initIndex({ maxElements: Math.max(1, count), m: params.m, efConstruction: params.efConstruction, randomSeed: params.seed });
  for (let label = 0; label < count; label++) index.addPoint(Array.from(values.subarray(label * dims, (label + 1) * dims)), label);
  index.setEf(params.efSearch);
  parentPort.postMessage({ built: true });
  parentPort.on('message', (file) => {
    try {
      index.writeIndexSync(file);
      parentPort.postMessage({ written: file });
    } catch (err) {
      parentPort.postMessage({ error: String(err && err.message || err) });
    }
    parentPort.close();
  });
} catch (err) {
  parentPort.postMessage({ error: String(err && err.message || err) });
  parentPort.close();
}
`;

/** Workers whose build nobody wrote (an ingest that failed before writeIndex) are stopped with their handle. */
const orphans = new FinalizationRegistry<Worker>((worker) => void worker.terminate());

function buildInWorker(vectors: ArrayLike<number>[], dimensions: number): VectorIndexBuild {
  const count = vectors.length;
  // Shared, so the 8·n·d bytes are not copied again on the way to the worker.
  const buffer = new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT * count * dimensions);
  const values = new Float64Array(buffer);
  vectors.forEach((v, label) => {
    if (v.length !== dimensions)
      throw new Error(`vectors: vector ${label} has ${v.length} dimensions, not ${dimensions}`);
    values.set(v, label * dimensions);
  });
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      hnswlib: createRequire(import.meta.url).resolve('hnswlib-node'),
      buffer,
      dims: dimensions,
      count,
      params: HNSW_PARAMS,
    },
  });
  // A build in progress must not keep a process alive that has nothing else to do.
  worker.unref();
  type Reply = { built: true } | { written: string } | { error: string };
  const replies: Reply[] = [];
  const waiting: ((reply: Reply) => void)[] = [];
  const deliver = (reply: Reply) => {
    const next = waiting.shift();
    if (next) next(reply);
    else replies.push(reply);
  };
  worker.on('message', (reply: Reply) => deliver(reply));
  worker.on('error', (err) => deliver({ error: err.message }));
  worker.on('exit', (code) => deliver({ error: `the index build stopped (exit code ${code})` }));
  const nextReply = () =>
    new Promise<Reply>((resolve) => (replies.length ? resolve(replies.shift()!) : waiting.push(resolve)));
  const built = nextReply();

  const handle: VectorIndexBuild = {
    async writeTo(file) {
      orphans.unregister(handle);
      worker.ref(); // now someone waits for it: the process must not exit under the build
      const first = await built;
      if ('error' in first) throw new Error(`vectors: ${first.error}`);
      worker.postMessage(file);
      const second = await nextReply();
      if ('error' in second) throw new Error(`vectors: ${second.error}`);
      await worker.terminate();
    },
  };
  orphans.register(handle, worker, handle);
  return handle;
}

export function loadVectorIndex(file: string, dimensions: number): VectorIndex {
  const index = new HierarchicalNSW('cosine', dimensions);
  index.readIndexSync(file);
  index.setEf(HNSW_PARAMS.efSearch);
  return index;
}

/** Nearest chunk labels with cosine similarity (hnswlib returns cosine distance = 1 − similarity). */
export function searchVectors(
  index: VectorIndex,
  query: ArrayLike<number>,
  k: number,
  filter?: (label: number) => boolean,
): { label: number; similarity: number }[] {
  const n = Math.min(k, index.getCurrentCount());
  if (n === 0) return [];
  const { neighbors, distances } = index.searchKnn(Array.from(query), n, filter);
  return neighbors.map((label, i) => ({ label, similarity: 1 - distances[i] }));
}
