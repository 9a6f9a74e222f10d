/**
 * @module scripts/eval/metrics
 * Retrieval and latency metrics: Recall@k (a question counts when any expected unit is in the top k),
 * reciprocal rank of the first expected unit, and percentiles.
 */

export function hitAt(ranked: readonly string[], expected: readonly string[], k: number): boolean {
  return ranked.slice(0, k).some((id) => expected.includes(id));
}

export function reciprocalRank(ranked: readonly string[], expected: readonly string[]): number {
  const i = ranked.findIndex((id) => expected.includes(id));
  return i === -1 ? 0 : 1 / (i + 1);
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Nearest-rank percentile, p in [0, 100]. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
