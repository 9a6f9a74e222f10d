/**
 * @module server/retrieve/hybrid
 * The retriever: reads a query once (read-query.ts: spelling, named documents and units, concepts, expansion),
 * then searches that reading: exactly referenced units first, and the rest ranked by fusing BM25
 * (search-lexical.ts) and HNSW vector similarity (search-vector.ts), re-ranked by concept coverage (rerank.ts),
 * hearing each document of a several-document scope (scope.ts). Returns whole units.
 */
import type { TextEmbedder } from '../../core/embed/types.js';
import type { LoadedIndex } from '../../core/index/store.js';
import {
  createRetrievalContext,
  DEFAULT_HYBRID_OPTIONS,
  termBridges,
  type HybridOptions,
  type RetrievalContext,
} from './context.js';
import { fuseScores, type FusedScore } from './fuse.js';
import { createQueryReader, scopeSet } from './read-query.js';
import { rerankByCoverage } from './rerank.js';
import { coverEachDocument, openingUnits, recountingUnits, toHit } from './scope.js';
import { lexicalScores } from './search-lexical.js';
import { vectorScores } from './search-vector.js';
import { TermStatistics } from './term-stats.js';
import { documentYear } from '../../core/document-date.js';
import { foldText } from '../../core/text/terms.js';
import type { QueryReading, RetrievalMethod, Retriever, SearchHit, SearchResult } from './types.js';

export { DEFAULT_HYBRID_OPTIONS, termBridges, type HybridOptions } from './context.js';
export { rerankByCoverage } from './rerank.js';

export const DEFAULT_K = 8;

/** A companion document's units weigh this share of their score: heard, but after the named documents'. */
const COMPANION_WEIGHT = 0.7;
/** …and this share when they do not mention the named document's year or place: a recount of other events. */
const UNRELATED_COMPANION_WEIGHT = 0.3;

/** The words by which a companion's unit recounts a named document: its year and its place. */
function eventMarks(ctx: RetrievalContext, named: readonly string[]): string[] {
  return named.flatMap((id) => {
    const meta = ctx.metaById.get(id);
    if (!meta) return [];
    const year = documentYear(meta);
    return [...(year === null ? [] : [String(year)]), ...(meta.place ? [foldText(meta.place)] : [])];
  });
}

function belowNamed(ctx: RetrievalContext, fused: FusedScore[], reading: QueryReading): FusedScore[] {
  // The documents asked about: named, or carried from earlier turns (the scope without its companions).
  const subjects =
    reading.named.length > 0 ? reading.named : (reading.scope ?? []).filter((id) => !reading.companions.includes(id));
  const marks = eventMarks(ctx, subjects);
  const weighed = fused.map((f) => {
    const unit = ctx.unitById.get(f.id);
    if (!unit || !reading.companions.includes(unit.documentId)) return f;
    const text = ctx.foldedText(unit);
    const recounts = marks.length === 0 || marks.some((m) => text.includes(m));
    return { ...f, score: f.score * (recounts ? COMPANION_WEIGHT : UNRELATED_COMPANION_WEIGHT) };
  });
  return weighed.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

/** How many of a document's own lexical matches are weighed when the pooled candidates left it out. */
const DOCUMENT_CANDIDATES = 5;

export function createHybridRetriever(
  index: LoadedIndex,
  embedder: TextEmbedder,
  options: Partial<HybridOptions> = {},
  extras: { stats?: TermStatistics } = {},
): Retriever {
  const opts: HybridOptions = { ...DEFAULT_HYBRID_OPTIONS, ...options };
  const stats = extras.stats ?? new TermStatistics(index.lexical, termBridges(index, embedder));
  const ctx = createRetrievalContext(index, embedder, opts, stats);
  const read = createQueryReader(ctx);

  async function searchReading(
    reading: QueryReading,
    k: number = DEFAULT_K,
    method: RetrievalMethod = 'hybrid',
  ): Promise<SearchResult> {
    const { scope: scopeIds, referenced, concepts } = reading;
    const searched = {
      query: reading.query,
      corrections: reading.corrections,
      topic: reading.topic,
      scope: scopeIds,
      companions: reading.companions,
      concepts,
    };
    if (scopeIds && reading.named.length > 0 && referenced.length === 0 && reading.topicTerms.length === 0) {
      const recounted = recountingUnits(ctx, reading.named);
      const hits = [...recounted, ...openingUnits(ctx, scopeIds, k)].slice(0, Math.max(k, recounted.length + 1));
      return { ...searched, hits, concepts: [], reference: null, overview: true };
    }
    const scope = scopeSet(reading);
    const [lexical, vector] = await Promise.all([
      method === 'vector' ? [] : lexicalScores(ctx, reading, Math.max(k * 4, opts.candidates * 2)),
      method === 'lexical' ? [] : vectorScores(ctx, reading.topic, scope, k),
    ]);
    let fused =
      method === 'hybrid'
        ? fuseScores(opts.fusion, lexical, vector, opts.lexicalWeight)
        : fuseScores('weighted', lexical, vector, method === 'lexical' ? 1 : 0);
    if (method === 'hybrid' && opts.coverageWeight > 0) fused = rerankByCoverage(fused, concepts, stats, opts);
    if (reading.companions.length > 0) fused = belowNamed(ctx, fused, reading);

    const hits: SearchHit[] = [];
    const seen = new Set<string>();
    const fusedById = new Map(fused.map((f) => [f.id, f]));
    for (const unit of referenced) {
      const f = fusedById.get(unit.id);
      hits.push(toHit(ctx, unit, 1, f?.lexical ?? 0, f?.vector ?? 0, true));
      seen.add(unit.id);
    }
    for (const f of fused) {
      if (hits.length >= k) break;
      if (seen.has(f.id)) continue;
      const unit = ctx.unitById.get(f.id);
      if (!unit) continue;
      hits.push(toHit(ctx, unit, Math.min(1, f.score), f.lexical, f.vector));
      seen.add(f.id);
    }
    // A document's own best lexical matches, for a document the pooled candidates left out.
    const documentCandidates = (doc: string) =>
      lexicalScores(ctx, { ...reading, scope: [doc] }, DOCUMENT_CANDIDATES).map((c) => ({
        id: c.id,
        score: 0,
        lexical: c.score,
        vector: 0,
      }));
    const covered =
      scopeIds && scopeIds.length > 1
        ? coverEachDocument(ctx, hits, fused, scopeIds, k, concepts, documentCandidates, reading.companions)
        : hits;
    return { ...searched, hits: covered.slice(0, k), reference: referenced[0] ?? null, overview: false };
  }

  return {
    read,
    searchReading,
    search: (request, method) => searchReading(read(request), request.k, method),
  };
}
