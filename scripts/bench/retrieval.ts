/**
 * @module scripts/bench/retrieval
 * In-process retrieval latency over the dev questions, several passes: our hybrid search (what /api/search
 * runs) beside three reference points over the very same vectors — our HNSW index alone, LangChain's plain
 * `HNSWLib` vector store built from the same chunk texts with the same embedder, and an exact brute-force
 * cosine scan. Every figure includes embedding the query, as a request would. The vector-only methods are
 * also scored for Recall@10 against the exact scan.
 */
import { performance } from 'node:perf_hooks';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { searchVectors } from '../../core/index/vectors.js';
import { chunkUnit } from '../../ingest/parse/chunk.js';
import { embeddingText } from '../../ingest/pipeline.js';
import { buildServices } from '../../server/bootstrap.js';
import { loadConfig } from '../../core/config.js';
import type { Services } from '../../server/services.js';
import { benchEnv } from './proc.js';
import { latency, type Latency } from './stats.js';

export interface RetrievalRow {
  name: string;
  latency: Latency;
  /** Recall@10 against the exact scan (vector methods only). */
  recallAt10: number | null;
}

export interface RetrievalResults {
  questions: number;
  passes: number;
  chunks: number;
  units: number;
  /** Seconds to build LangChain's HNSWLib store (embedding every chunk again included). */
  langchainBuildSeconds: number;
  rows: RetrievalRow[];
}

const K = 10;

/** The text each chunk was embedded from, as ingest/pipeline.ts makes it (unit heading, then chunk). */
export function chunkEmbeddingTexts(services: Services): string[] {
  const byKey = new Map<string, string>();
  for (const unit of services.index.units) {
    for (const c of chunkUnit(unit)) byKey.set(`${c.unitId}\0${c.part}`, embeddingText(unit, c.text));
  }
  return services.index.chunks.map((c) => {
    const text = byKey.get(`${c.unitId}\0${c.part}`);
    if (text === undefined) throw new Error(`bench: chunk ${c.unitId}#${c.part} not found`);
    return text;
  });
}

/** Every stored vector of the HNSW index, row-major, for exact scans over exactly what the index holds. */
export function storedVectors(services: Services): { matrix: Float32Array; dims: number; count: number } {
  const { vectors, manifest } = services.index;
  const dims = manifest.embedder.dimensions;
  const count = vectors.getCurrentCount();
  const matrix = new Float32Array(count * dims);
  for (let label = 0; label < count; label++) matrix.set(vectors.getPoint(label), label * dims);
  return { matrix, dims, count };
}

/**
 * Exact top-k by cosine (vectors are unit length, so a dot product): labels and similarities, best first.
 * A bounded insertion list keeps it O(n·k) without sorting all n scores.
 */
export function exactTopK(
  matrix: Float32Array,
  dims: number,
  query: ArrayLike<number>,
  k: number,
): { labels: number[]; scores: number[] } {
  const count = matrix.length / dims;
  const labels: number[] = [];
  const scores: number[] = [];
  const q = Float32Array.from(query);
  for (let label = 0; label < count; label++) {
    const base = label * dims;
    let s = 0;
    for (let d = 0; d < dims; d++) s += matrix[base + d] * q[d];
    if (scores.length === k && s <= scores[k - 1]) continue;
    let at = scores.length;
    while (at > 0 && scores[at - 1] < s) at--;
    scores.splice(at, 0, s);
    labels.splice(at, 0, label);
    if (scores.length > k) {
      scores.pop();
      labels.pop();
    }
  }
  return { labels, scores };
}

/**
 * Recall@k that counts a returned neighbour as correct when it is as close as the exact k-th one. Corpora
 * hold duplicate passages (equal vectors); which of several tied items the exact scan lists is arbitrary,
 * and counting by label would charge HNSW for picking another of them.
 */
export function tieAwareRecall(
  returnedSimilarities: readonly number[],
  exactScores: readonly number[],
  k: number,
): number {
  if (exactScores.length === 0) return 1;
  const kth = exactScores[Math.min(k, exactScores.length) - 1];
  const hits = returnedSimilarities.slice(0, k).filter((s) => s >= kth - 1e-5).length;
  return hits / Math.min(k, exactScores.length);
}

async function timed<T>(ms: number[], fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  ms.push(performance.now() - t0);
  return out;
}

export async function measureRetrieval(options: {
  indexDir: string;
  questions: string[];
  passes: number;
  log: (line: string) => void;
}): Promise<RetrievalResults> {
  const config = loadConfig(benchEnv({ INDEX_DIR: options.indexDir }));
  const services = await buildServices(config);
  const { embedder } = services;
  const texts = chunkEmbeddingTexts(services);
  const exact = storedVectors(services);

  const t0 = performance.now();
  const store = await HNSWLib.fromTexts(
    texts,
    texts.map((_, label) => ({ label })),
    embedder,
  );
  const langchainBuildSeconds = (performance.now() - t0) / 1000;

  const qs = options.questions;
  const ms = { hybrid: [] as number[], hnsw: [] as number[], langchain: [] as number[], exact: [] as number[] };
  const recall = { hnsw: [] as number[], langchain: [] as number[] };
  // Pass 0 is a warm-up (JIT, lazy caches) and is not timed.
  for (let pass = 0; pass <= options.passes; pass++) {
    const sink = pass === 0 ? { hybrid: [], hnsw: [], langchain: [], exact: [] } : ms;
    for (const q of qs) {
      await timed(sink.hybrid, () => services.retriever.search({ query: q, k: K }));
      const ours = await timed(sink.hnsw, async () =>
        searchVectors(services.index.vectors, await embedder.embedQuery(q), K),
      );
      // The public call, query embedding included: what an app written against LangChain would run.
      const lc = await timed(sink.langchain, () => store.similaritySearchWithScore(q, K));
      const truth = await timed(sink.exact, async () =>
        exactTopK(exact.matrix, exact.dims, await embedder.embedQuery(q), K),
      );
      if (pass === 1) {
        recall.hnsw.push(
          tieAwareRecall(
            ours.map((r) => r.similarity),
            truth.scores,
            K,
          ),
        );
        // hnswlib's cosine distance is 1 − similarity.
        recall.langchain.push(
          tieAwareRecall(
            lc.map(([, distance]) => 1 - distance),
            truth.scores,
            K,
          ),
        );
      }
    }
    if (pass > 0) options.log(`retrieval pass ${pass}/${options.passes}`);
  }
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    questions: qs.length,
    passes: options.passes,
    chunks: texts.length,
    units: services.index.units.length,
    langchainBuildSeconds,
    rows: [
      {
        name: 'Hybrid search (BM25 + HNSW + fusion; what /api/search runs)',
        latency: latency(ms.hybrid),
        recallAt10: null,
      },
      {
        name: 'Our HNSW index alone (hnswlib-node, efSearch 128)',
        latency: latency(ms.hnsw),
        recallAt10: avg(recall.hnsw),
      },
      {
        name: 'LangChain HNSWLib (plain: fromTexts, defaults)',
        latency: latency(ms.langchain),
        recallAt10: avg(recall.langchain),
      },
      { name: 'Exact brute-force cosine scan (JS, Float32Array)', latency: latency(ms.exact), recallAt10: 1 },
    ],
  };
}
