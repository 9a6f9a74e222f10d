/**
 * @module server/retrieve/hybrid
 * The retriever: reads misspelt words as the documents' own, resolves the documents a question names, puts
 * exactly referenced units first, and ranks the rest by fusing BM25 (search-lexical.ts) and HNSW vector
 * similarity (search-vector.ts), re-ranked by concept coverage (rerank.ts), hearing each document of a
 * several-document scope (scope.ts). Returns whole units.
 */
import type { TextEmbedder } from '../../core/embed/types.js';
import type { LoadedIndex } from '../../core/index/store.js';
import { analyse } from '../../core/text/terms.js';
import {
  commonWords,
  createRetrievalContext,
  DEFAULT_HYBRID_OPTIONS,
  termBridges,
  type HybridOptions,
} from './context.js';
import { compileDocumentNames, resolveDocuments } from './documents.js';
import { fuseScores } from './fuse.js';
import { glossaryWords } from './glossary.js';
import { findReferencedUnits, parseReferences } from './reference.js';
import { rerankByCoverage } from './rerank.js';
import { coverEachDocument, openingUnits, toHit } from './scope.js';
import { lexicalScores } from './search-lexical.js';
import { vectorScores } from './search-vector.js';
import { createSpellingCorrector } from './spelling.js';
import { conceptsOf, TermStatistics } from './term-stats.js';
import type { RetrievalMethod, Retriever, SearchHit, SearchRequest, SearchResult } from './types.js';

export { DEFAULT_HYBRID_OPTIONS, termBridges, type HybridOptions } from './context.js';
export { rerankByCoverage } from './rerank.js';

export const DEFAULT_K = 8;

export function createHybridRetriever(
  index: LoadedIndex,
  embedder: TextEmbedder,
  options: Partial<HybridOptions> = {},
  extras: { stats?: TermStatistics } = {},
): Retriever {
  const opts: HybridOptions = { ...DEFAULT_HYBRID_OPTIONS, ...options };
  const stats = extras.stats ?? new TermStatistics(index.lexical, termBridges(index, embedder));
  const ctx = createRetrievalContext(index, embedder, opts, stats);
  const names = compileDocumentNames(index.documents);
  const correctSpelling = createSpellingCorrector(
    index.lexical,
    stats,
    commonWords(embedder),
    glossaryWords(),
    index.lexicon.vocabulary,
  );

  return {
    async search(request: SearchRequest, method: RetrievalMethod = 'hybrid'): Promise<SearchResult> {
      const k = request.k ?? DEFAULT_K;
      // Misspelt words are read as the documents' own before anything else looks at the query.
      const { query, corrections } = correctSpelling(request.query);
      const resolution = resolveDocuments(query, names);
      const scopeIds = request.documents?.length
        ? request.documents
        : resolution.documents.length > 0
          ? resolution.documents
          : null;
      const scope = scopeIds ? new Set(scopeIds) : null;
      // Words that only named a document would otherwise pull in every unit that mentions the place.
      const topic = resolution.documents.length > 0 ? resolution.topic : query;

      const referenced = findReferencedUnits(parseReferences(query), index.units, scopeIds);
      const searched = { query, corrections, topic, scope: scopeIds };
      const topicTerms = analyse(topic);
      if (scopeIds && resolution.documents.length > 0 && referenced.length === 0 && topicTerms.length === 0) {
        return { ...searched, hits: openingUnits(ctx, scopeIds, k), concepts: [], reference: null, overview: true };
      }
      const [lexical, vector] = await Promise.all([
        method === 'vector' ? [] : lexicalScores(ctx, topic, topicTerms, scope, Math.max(k * 4, opts.candidates * 2)),
        method === 'lexical' ? [] : vectorScores(ctx, topic, scope, k),
      ]);
      let fused =
        method === 'hybrid'
          ? fuseScores(opts.fusion, lexical, vector, opts.lexicalWeight)
          : fuseScores('weighted', lexical, vector, method === 'lexical' ? 1 : 0);
      const concepts = conceptsOf(topic, stats);
      if (method === 'hybrid' && opts.coverageWeight > 0) fused = rerankByCoverage(fused, concepts, stats, opts);

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
      const covered = scopeIds && scopeIds.length > 1 ? coverEachDocument(ctx, hits, fused, scopeIds, k) : hits;
      return { ...searched, hits: covered.slice(0, k), concepts, reference: referenced[0] ?? null, overview: false };
    },
  };
}
