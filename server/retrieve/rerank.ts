/**
 * @module server/retrieve/rerank
 * The coverage re-rank: mixes each top candidate's fused score with how many of the question's ideas it holds,
 * and how closely together.
 */
import type { HybridOptions } from './context.js';
import type { FusedScore } from './fuse.js';
import { coverage, proximity, type Concept, type TermStatistics } from './term-stats.js';

/** How many fused candidates are re-ranked by concept coverage; the tail keeps its fused order. */
const RERANK_DEPTH = 50;

/**
 * Mixes each top candidate's fused score with its concept coverage. BM25 rewards repeating one matched word;
 * coverage rewards holding all of the question's ideas, which is what makes a unit the answer. Half of the
 * coverage (proximityShare) is measured over the unit's best stretch of text: the unit about the question's
 * ideas names them together, a long list that mentions every actor names each somewhere.
 */
export function rerankByCoverage(
  fused: FusedScore[],
  concepts: readonly Concept[],
  stats: TermStatistics,
  options: Pick<HybridOptions, 'coverageWeight' | 'proximityShare' | 'proximitySpan'>,
): FusedScore[] {
  const { coverageWeight: weight, proximityShare: share, proximitySpan: span } = options;
  if (concepts.length < 1) return fused;
  const head = fused.slice(0, RERANK_DEPTH).map((f) => {
    const terms = stats.termsOf(f.id);
    const whole = coverage(concepts, terms);
    const near = share > 0 ? proximity(concepts, stats, f.id, span, terms) : 0;
    return { ...f, score: (1 - weight) * f.score + weight * ((1 - share) * whole + share * near) };
  });
  head.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return [...head, ...fused.slice(RERANK_DEPTH)];
}
