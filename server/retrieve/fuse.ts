/**
 * @module server/retrieve/fuse
 * Combines lexical (BM25) and vector (cosine) scores into one ranking. Weighted score fusion and
 * reciprocal rank fusion are both here so `npm run eval:retrieval` can compare them; the default is
 * the one that measured better on the dev set (docs/retrieval.md).
 */

export type FusionMethod = 'weighted' | 'rrf';

export interface ScoredId {
  id: string;
  score: number;
}

export interface FusedScore {
  id: string;
  score: number;
  lexical: number;
  vector: number;
}

/** The entry of `id` in `out`, created with zero scores on first use. */
function entry(out: Map<string, FusedScore>, id: string): FusedScore {
  let e = out.get(id);
  if (!e) out.set(id, (e = { id, score: 0, lexical: 0, vector: 0 }));
  return e;
}

function byScore(a: ScoredId, b: ScoredId): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Weighted fusion of max-normalised scores: `w·lex/maxLex + (1−w)·vec/maxVec`. Normalising by the best
 * score of each list keeps one list from drowning the other whatever the query length.
 */
export function fuseWeighted(lexical: ScoredId[], vector: ScoredId[], lexicalWeight: number): FusedScore[] {
  const maxLex = Math.max(0, ...lexical.map((s) => s.score));
  const maxVec = Math.max(0, ...vector.map((s) => s.score));
  const out = new Map<string, FusedScore>();
  for (const s of lexical) entry(out, s.id).lexical = s.score;
  for (const s of vector) entry(out, s.id).vector = s.score;
  for (const e of out.values()) {
    const lex = maxLex > 0 ? e.lexical / maxLex : 0;
    // Negative cosines count as no similarity.
    const vec = maxVec > 0 ? Math.max(0, e.vector) / maxVec : 0;
    e.score = lexicalWeight * lex + (1 - lexicalWeight) * vec;
  }
  return [...out.values()].sort(byScore);
}

/** Reciprocal rank fusion (Cormack et al.): Σ 1/(k + rank), rescaled so the best possible score is 1. */
export function fuseRrf(lexical: ScoredId[], vector: ScoredId[], lexicalWeight: number, k = 60): FusedScore[] {
  const out = new Map<string, FusedScore>();
  [...lexical].sort(byScore).forEach((s, rank) => {
    const e = entry(out, s.id);
    e.lexical = s.score;
    e.score += (2 * lexicalWeight) / (k + rank + 1);
  });
  [...vector].sort(byScore).forEach((s, rank) => {
    const e = entry(out, s.id);
    e.vector = s.score;
    e.score += (2 * (1 - lexicalWeight)) / (k + rank + 1);
  });
  const best = 2 / (k + 1);
  for (const e of out.values()) e.score /= best;
  return [...out.values()].sort(byScore);
}

export function fuseScores(
  method: FusionMethod,
  lexical: ScoredId[],
  vector: ScoredId[],
  lexicalWeight: number,
): FusedScore[] {
  switch (method) {
    case 'weighted':
      return fuseWeighted(lexical, vector, lexicalWeight);
    case 'rrf':
      return fuseRrf(lexical, vector, lexicalWeight);
    default: {
      const never: never = method;
      throw new Error(`retrieve: unknown fusion method ${String(never)}`);
    }
  }
}
