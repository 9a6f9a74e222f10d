/**
 * @module server/answer/evidence
 * How strongly the retrieved units bear on a question, and which of them to cite. The answer is declined
 * when the evidence is too weak; thresholds are tuned on the dev set (docs/answers.md).
 */
import { analyse } from '../../ingest/index/terms.js';
import { conceptsOf, coverage, TermStatistics } from '../retrieve/term-stats.js';
import type { SearchHit, SearchResult } from '../retrieve/types.js';

export { TermStatistics };

export const EVIDENCE_THRESHOLDS = {
  /** Minimum IDF-weighted share of the question's terms found in the best units. */
  coverage: 0.5,
  /** Minimum cosine similarity of the best unit when coverage alone is borderline. */
  vector: 0.45,
  /** A unit is cited beside the best one when its fused score is at least this share of the best. */
  relativeScore: 0.7,
  /** At most this many units are cited. */
  maxCitations: 5,
  /** At most this many units of one document, unless referenced exactly. */
  maxPerDocument: 3,
} as const;

export interface Evidence {
  grounded: boolean;
  coverage: number;
  vector: number;
  /** Hits to cite, best first. */
  cited: SearchHit[];
}

/**
 * IDF-weighted share of the topic's terms that the given units contain, counting a term as found when a
 * glossary equivalent of it is found (the question says "airlines", the text "carriers").
 */
export function coverageOf(topic: string, hits: SearchHit[], stats: TermStatistics): number {
  const found = new Set<string>();
  for (const h of hits) for (const t of stats.termsOf(h.unit.id)) found.add(t);
  return coverage(conceptsOf(topic, stats), found);
}

/** Decides whether the search found an answer and which hits to cite. */
export function weighEvidence(topic: string, result: SearchResult, stats: TermStatistics): Evidence {
  const hits = result.hits;
  if (hits.length === 0) return { grounded: false, coverage: 0, vector: 0, cited: [] };
  const top = hits[0];
  const coverage = coverageOf(topic, hits.slice(0, 3), stats);
  const vector = Math.max(...hits.slice(0, 3).map((h) => h.vector));
  const referenced = result.reference !== null;
  const grounded =
    referenced ||
    coverage >= EVIDENCE_THRESHOLDS.coverage + 0.15 ||
    (coverage >= EVIDENCE_THRESHOLDS.coverage && vector >= EVIDENCE_THRESHOLDS.vector);
  if (!grounded) return { grounded, coverage, vector, cited: [] };

  const cited: SearchHit[] = [];
  const perDoc = new Map<string, number>();
  const take = (h: SearchHit) => {
    cited.push(h);
    perDoc.set(h.unit.documentId, (perDoc.get(h.unit.documentId) ?? 0) + 1);
  };
  const exact = hits.filter((h) => h.score >= 1 && referenced);
  exact.forEach(take);
  const minScore = top.score * EVIDENCE_THRESHOLDS.relativeScore;
  const topicTerms = new Set(analyse(topic));
  for (const h of hits) {
    if (cited.length >= EVIDENCE_THRESHOLDS.maxCitations) break;
    if (cited.includes(h) || h.score < minScore) continue;
    if ((perDoc.get(h.unit.documentId) ?? 0) >= EVIDENCE_THRESHOLDS.maxPerDocument) continue;
    // A unit is cited only if it shares a word with the question: similarity alone is not support.
    if (topicTerms.size > 0 && ![...stats.termsOf(h.unit.id)].some((t) => topicTerms.has(t)) && h.lexical === 0)
      continue;
    take(h);
  }
  // A question spanning named documents cites the best unit of each.
  for (const docId of result.scope ?? []) {
    if (cited.length >= EVIDENCE_THRESHOLDS.maxCitations + 2) break;
    if (perDoc.has(docId)) continue;
    const best = hits.find((h) => h.unit.documentId === docId);
    if (best && best.score >= top.score * 0.4) take(best);
  }
  if (cited.length === 0) take(top);
  return { grounded, coverage, vector, cited };
}
