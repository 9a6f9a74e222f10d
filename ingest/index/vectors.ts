/**
 * @module ingest/index/vectors
 * The HNSW vector store (hnswlib-node, cosine). One point per chunk; the label is the chunk's position
 * in chunks.json, which maps back to its unit.
 */
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

export function buildVectorIndex(vectors: ArrayLike<number>[], dimensions: number): VectorIndex {
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
