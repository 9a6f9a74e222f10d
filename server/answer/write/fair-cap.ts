/**
 * @module server/answer/write/fair-cap
 * A summary or comparison shows at most a readable number of units. The cut must not silence a document: each
 * document's best unit is kept before any document's second, so a long answer from one text cannot push
 * the only passage of another into "and N more".
 */
import type { SearchHit } from '../../retrieve/types.js';

export interface CappedHits {
  /** Kept, in the order given. */
  shown: SearchHit[];
  /** Cut, in the order given. */
  more: SearchHit[];
}

/** The first `max` hits, except that every document's first hit is kept ahead of any later hit. */
export function capFairly(hits: readonly SearchHit[], max: number): CappedHits {
  if (hits.length <= max) return { shown: [...hits], more: [] };
  const keep = new Set<SearchHit>();
  const documents = new Set<string>();
  for (const hit of hits) {
    if (keep.size >= max) break;
    if (documents.has(hit.unit.documentId)) continue;
    documents.add(hit.unit.documentId);
    keep.add(hit);
  }
  for (const hit of hits) {
    if (keep.size >= max) break;
    keep.add(hit);
  }
  return { shown: hits.filter((h) => keep.has(h)), more: hits.filter((h) => !keep.has(h)) };
}
