/**
 * @module server/retrieve/search-vector
 * The nearest chunks to the question in the HNSW index, within a scope, as each unit's best similarity.
 */
import { searchVectors } from '../../core/index/vectors.js';
import type { DocumentId } from '../../core/types.js';
import type { RetrievalContext } from './context.js';
import type { ScoredId } from './fuse.js';

export async function vectorScores(
  ctx: RetrievalContext,
  topic: string,
  scope: Set<DocumentId> | null,
  k: number,
): Promise<ScoredId[]> {
  const query = await ctx.embedder.embedQuery(topic);
  const filter = scope ? (label: number) => scope.has(ctx.chunkDoc[label]) : undefined;
  const best = new Map<string, number>();
  for (const { label, similarity } of searchVectors(
    ctx.index.vectors,
    query,
    Math.max(k * 4, ctx.options.candidates),
    filter,
  )) {
    const unitId = ctx.index.chunks[label]?.unitId;
    if (unitId && similarity > (best.get(unitId) ?? -Infinity)) best.set(unitId, similarity);
  }
  return [...best].map(([id, score]) => ({ id, score }));
}
