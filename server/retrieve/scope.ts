/**
 * @module server/retrieve/scope
 * Hits within a scope of documents: an overview's opening units, and a search over several documents that
 * hears from each of them.
 */
import type { Unit } from '../../core/types.js';
import type { RetrievalContext } from './context.js';
import type { FusedScore } from './fuse.js';
import type { SearchHit } from './types.js';

/** A unit as a hit, with its document. */
export function toHit(
  ctx: RetrievalContext,
  unit: Unit,
  score: number,
  lexical: number,
  vector: number,
  referenced = false,
): SearchHit {
  const document = ctx.metaById.get(unit.documentId)!;
  return { unit, document, score, lexical, vector, referenced };
}

/**
 * An overview of documents: each document's first unit, then the first unit of each of its top-level
 * sections (one per priority goal, chapter or group of recommendations), interleaved across documents.
 */
export function openingUnits(ctx: RetrievalContext, documents: readonly string[], k: number): SearchHit[] {
  const perDoc = documents.map((doc) => {
    const units = ctx.unitsByDoc.get(doc) ?? [];
    const seenSections = new Set<string>();
    const openers = units.filter((u, i) => {
      const top = u.section.split(' › ')[0];
      if (i > 0 && seenSections.has(top)) return false;
      seenSections.add(top);
      return true;
    });
    return openers;
  });
  const hits: SearchHit[] = [];
  for (let i = 0; hits.length < k && perDoc.some((list) => i < list.length); i++) {
    for (const list of perDoc) if (list[i] && hits.length < k) hits.push(toHit(ctx, list[i], 1 / (1 + i), 0, 0));
  }
  return hits;
}

/**
 * A search over several documents ("from 1997 to 2009", or `documents: [a, b]`) must hear from each: a
 * document with no unit among the hits gets its best-ranked candidate in place of the lowest hit of a
 * document that has several. Hits stay in score order.
 */
export function coverEachDocument(
  ctx: RetrievalContext,
  hits: SearchHit[],
  fused: FusedScore[],
  scopeIds: readonly string[],
  k: number,
): SearchHit[] {
  if (k < scopeIds.length) return hits;
  const out = [...hits];
  const inHits = new Set(out.map((h) => h.unit.id));
  for (const doc of scopeIds) {
    if (out.some((h) => h.unit.documentId === doc)) continue;
    const best = fused.find((f) => !inHits.has(f.id) && ctx.unitById.get(f.id)?.documentId === doc);
    if (!best) continue;
    const perDoc = new Map<string, number>();
    for (const h of out) perDoc.set(h.unit.documentId, (perDoc.get(h.unit.documentId) ?? 0) + 1);
    if (out.length >= k) {
      // The lowest hit that is neither exactly referenced nor its document's only one.
      const drop = out.findLastIndex((h) => !h.referenced && (perDoc.get(h.unit.documentId) ?? 0) > 1);
      if (drop < 0) continue;
      out.splice(drop, 1);
    }
    out.push(toHit(ctx, ctx.unitById.get(best.id)!, Math.min(1, best.score), best.lexical, best.vector));
    inHits.add(best.id);
  }
  return out.sort((a, b) => Number(b.referenced) - Number(a.referenced) || b.score - a.score);
}
