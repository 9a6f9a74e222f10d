/**
 * @module server/retrieve/scope
 * Hits within a scope of documents: an overview's opening units, and a search over several documents that
 * hears from each of them.
 */
import { sectionHeadings } from '../../core/section.js';
import { memoised } from '../../core/memo.js';
import { foldText } from '../../core/text/terms.js';
import type { Unit } from '../../core/types.js';
import type { RetrievalContext } from './context.js';
import type { FusedScore } from './fuse.js';
import { coverage, WHOLE_COVERAGE, type Concept } from './term-stats.js';
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

/** Fewer section openers than this, and a document's units are read in order instead. */
const MIN_OPENERS = 3;

/**
 * An overview of documents: each document's first unit, then the first unit of each of its top-level
 * sections (one per priority goal, chapter or group of recommendations), interleaved across documents.
 */

export function openingUnits(ctx: RetrievalContext, documents: readonly string[], k: number): SearchHit[] {
  const perDoc = documents.map((doc) => {
    const units = ctx.unitsByDoc.get(doc) ?? [];
    const seenSections = new Set<string>();
    const openers = units.filter((u, i) => {
      const top = sectionHeadings(u.section)[0] ?? '';
      if (i > 0 && seenSections.has(top)) return false;
      seenSections.add(top);
      return true;
    });
    // A text without sections (the Vienna report) opens nowhere in particular: its paragraphs in order.
    return openers.length < MIN_OPENERS ? units : openers;
  });
  const hits: SearchHit[] = [];
  for (let i = 0; hits.length < k && perDoc.some((list) => i < list.length); i++) {
    for (const list of perDoc) if (list[i] && hits.length < k) hits.push(toHit(ctx, list[i], 1 / (1 + i), 0, 0));
  }
  return hits;
}

/** Units of a document that recounts another (DocumentMeta.recounts) read before that document's own openers. */
const RECOUNTS_PER_DOCUMENT = 2;

/**
 * "What's the Call for Action?": what the documents that recount a document say of it by name (the 30-years
 * publication: "Introduction of the Call for Action, which includes 41 concrete actions…"), the first
 * paragraphs that name it, for each document asked about. A text's own first units rarely say what it is.
 */
export function recountingUnits(ctx: RetrievalContext, documents: readonly string[]): SearchHit[] {
  const hits: SearchHit[] = [];
  for (const id of documents) {
    const meta = ctx.metaById.get(id);
    if (!meta) continue;
    const names = [meta.shortTitle, ...meta.aliases].map(foldText).filter((n) => n.split(' ').length >= 2);
    const tellers = [...ctx.metaById.values()].filter((d) => d.recounts?.includes(id));
    for (const teller of tellers) {
      const naming = (ctx.unitsByDoc.get(teller.id) ?? []).filter((u) => {
        const text = ctx.foldedText(u);
        return names.some((n) => text.includes(n));
      });
      for (const unit of naming.slice(0, RECOUNTS_PER_DOCUMENT)) hits.push(toHit(ctx, unit, 1, 0, 0));
    }
  }
  return hits;
}

/**
 * A search over several documents ("from 1997 to 2009", or `documents: [a, b]`) must hear from each: a
 * document with no unit among the hits — or only units holding part of the question, when one of its own holds
 * all of it — gets its best candidate in place of the lowest hit of a document that has several. Hits stay in
 * score order. The best candidate is the one that holds most of the question's concepts (then the strongest
 * lexical match), among the fused candidates and the document's own best lexical matches: when one document
 * dominates the pooled lists, another's best unit need not have made the pool at all.
 */
export function coverEachDocument(
  ctx: RetrievalContext,
  hits: SearchHit[],
  fused: FusedScore[],
  scopeIds: readonly string[],
  k: number,
  concepts: readonly Concept[] = [],
  documentCandidates: (doc: string) => FusedScore[] = () => [],
  /** Documents heard only for context (the history recounting an event named): never heard again. */
  companions: readonly string[] = [],
): SearchHit[] {
  if (k < scopeIds.length) return hits;
  const out = [...hits];
  const inHits = new Set(out.map((h) => h.unit.id));
  // Each candidate's share of the question, computed once: the best-candidate loop compares it again and again.
  const held = memoised((unitId) => coverage(concepts, ctx.stats.termsOf(unitId)), Infinity);
  for (const doc of scopeIds) {
    // A document heard only through weak matches (a few vector neighbours) is heard again through a unit of its
    // own that holds the whole question, when its hits do not: "information programmes" in Prague 1997 beside the
    // Call for Action's "information campaigns", which filled the pooled candidates.
    const heard = out.filter((h) => h.unit.documentId === doc);
    if (heard.length > 0 && (companions.includes(doc) || heard.some((h) => held(h.unit.id) >= WHOLE_COVERAGE)))
      continue;
    const pooled = fused.filter((f) => ctx.unitById.get(f.id)?.documentId === doc);
    const floor = Math.min(...pooled.map((f) => f.score), ...out.map((h) => h.score));
    const own = documentCandidates(doc).map((c) => pooled.find((f) => f.id === c.id) ?? { ...c, score: floor });
    let best: FusedScore | undefined;
    for (const f of [...pooled, ...own]) {
      if (inHits.has(f.id)) continue;
      const better =
        !best ||
        held(f.id) > held(best.id) ||
        (held(f.id) === held(best.id) &&
          (f.lexical > best.lexical || (f.lexical === best.lexical && f.score > best.score)));
      if (better) best = f;
    }
    if (!best || (heard.length > 0 && held(best.id) < WHOLE_COVERAGE)) continue;
    const perDoc = new Map<string, number>();
    for (const h of out) perDoc.set(h.unit.documentId, (perDoc.get(h.unit.documentId) ?? 0) + 1);
    if (out.length >= k) {
      // The lowest hit that is neither exactly referenced nor its document's only one.
      const drop = out.findLastIndex((h) => !h.referenced && (perDoc.get(h.unit.documentId) ?? 0) > 1);
      if (drop < 0) continue;
      out.splice(drop, 1);
    }
    // Scored as the re-ranked head is (coverage mixed in), which a candidate from beyond the head never was.
    const weight = ctx.options.coverageWeight;
    const score = Math.max(best.score, (1 - weight) * best.score + weight * held(best.id));
    out.push(toHit(ctx, ctx.unitById.get(best.id)!, Math.min(1, score), best.lexical, best.vector));
    inHits.add(best.id);
  }
  return out.sort((a, b) => Number(b.referenced) - Number(a.referenced) || b.score - a.score);
}
