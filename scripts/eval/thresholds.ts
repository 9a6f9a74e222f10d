/**
 * @module scripts/eval/thresholds
 * The --min-* flags: which report figure each one guards, and which were missed. Figures are compared as
 * reported (rounded to 3 decimals), so a printed 0.9 meets --min-… 0.9.
 */
import type { EvalFigures } from './score.js';

export interface Thresholds {
  minRecall1?: number;
  minRecall5?: number;
  minCitationPrecision?: number;
  minCitationRecall?: number;
  minExpectedCited?: number;
  minAbstention?: number;
  minVerbatim?: number;
}

export const THRESHOLD_FLAGS: Record<
  keyof Thresholds,
  { flag: string; metric: string; read: (f: EvalFigures) => number }
> = {
  minRecall1: { flag: '--min-recall1', metric: 'retrieval.recallAt1', read: (f) => f.retrieval.recallAt1 },
  minRecall5: { flag: '--min-recall5', metric: 'retrieval.recallAt5', read: (f) => f.retrieval.recallAt5 },
  minCitationPrecision: {
    flag: '--min-citation-precision',
    metric: 'citations.precision',
    read: (f) => f.citations.precision,
  },
  minCitationRecall: { flag: '--min-citation-recall', metric: 'citations.recall', read: (f) => f.citations.recall },
  minExpectedCited: {
    flag: '--min-expected-cited',
    metric: 'citations.expectedCitedRate',
    read: (f) => f.citations.expectedCitedRate,
  },
  minAbstention: { flag: '--min-abstention', metric: 'abstention.rate', read: (f) => f.abstention.rate },
  minVerbatim: { flag: '--min-verbatim', metric: 'quotes.verbatimRate', read: (f) => f.quotes.verbatimRate },
};

export interface ThresholdMiss {
  flag: string;
  metric: string;
  actual: number;
  min: number;
}

export function checkThresholds(figures: EvalFigures, thresholds: Thresholds): ThresholdMiss[] {
  const misses: ThresholdMiss[] = [];
  for (const key of Object.keys(THRESHOLD_FLAGS) as (keyof Thresholds)[]) {
    const min = thresholds[key];
    if (min === undefined) continue;
    const { flag, metric, read } = THRESHOLD_FLAGS[key];
    const actual = read(figures);
    if (actual < min) misses.push({ flag, metric, actual, min });
  }
  return misses;
}

export function describeMiss(miss: ThresholdMiss): string {
  return `eval: threshold missed: ${miss.metric} ${miss.actual} < ${miss.min} (${miss.flag})`;
}
