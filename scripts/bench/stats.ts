/**
 * @module scripts/bench/stats
 * Summaries the report prints: min/median/max over repeated runs, and latency percentiles (nearest rank,
 * the same definition as the eval scripts, so figures from both agree).
 */
import { percentile } from '../eval/metrics.js';

export { percentile };

export interface Spread {
  min: number;
  median: number;
  max: number;
  n: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { min: Number.NaN, median: Number.NaN, max: Number.NaN, n: 0 };
  return {
    min: Math.min(...values),
    median: percentile(values, 50),
    max: Math.max(...values),
    n: values.length,
  };
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  n: number;
}

export function latency(ms: readonly number[]): Latency {
  return {
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    mean: ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length : Number.NaN,
    n: ms.length,
  };
}

export function megabytes(bytes: number): number {
  return bytes / (1024 * 1024);
}
