/**
 * @module server/retrieve/hybrid
 * The retriever: resolves the documents a question names, puts exactly referenced units first, and ranks
 * the rest by fusing BM25 (with glossary expansion) and HNSW vector similarity. Returns whole units.
 */
import type { TextEmbedder } from '../../core/embed/types.js';
import type { WeightedQuery } from '../../core/index/bm25.js';
import { LEXICAL_BOOST } from '../../core/index/lexical.js';
import { analyse, tokenize } from '../../core/text/terms.js';
import type { LoadedIndex } from '../../core/index/store.js';
import { searchVectors } from '../../core/index/vectors.js';
import type { DocumentId, DocumentMeta, Unit } from '../../core/types.js';
import { compileDocumentNames, resolveDocuments } from './documents.js';
import { fuseScores, type FusionMethod, type ScoredId } from './fuse.js';
import { expandQuery, glossaryWords } from './glossary.js';
import { conceptsOf, coverage, proximity, TermStatistics, type Concept } from './term-stats.js';
import type { FusedScore } from './fuse.js';
import { findReferencedUnits, parseReferences } from './reference.js';
import { createSpellingCorrector } from './spelling.js';
import { createTermBridges, type TermBridges } from './bridges.js';
import type { RetrievalMethod, Retriever, SearchHit, SearchRequest, SearchResult } from './types.js';

export interface HybridOptions {
  fusion: FusionMethod;
  /** Share of the lexical list in the fused score (0–1). */
  lexicalWeight: number;
  /** Weight of glossary-expansion matches relative to the question's own words. */
  expansionWeight: number;
  /** Weight of WordNet bridges (for words the corpus never uses) relative to the question's own words. */
  bridgeWeight: number;
  /** Share of the final score given to concept coverage (how many of the question's ideas a unit holds). */
  coverageWeight: number;
  /** Share of that coverage taken from the unit's best stretch of text rather than the whole unit (0–1). */
  proximityShare: number;
  /** The stretch's length, in terms (stop words not counted). */
  proximitySpan: number;
  /** How many candidates each list contributes before fusion, at least. */
  candidates: number;
}

export const DEFAULT_HYBRID_OPTIONS = {
  fusion: 'weighted',
  lexicalWeight: 0.5,
  expansionWeight: 0.5,
  bridgeWeight: 0.5,
  coverageWeight: 0.6,
  proximityShare: 0.5,
  proximitySpan: 15,
  candidates: 60,
} as const satisfies HybridOptions;

export const DEFAULT_K = 8;

/**
 * Words of the embedder's vocabulary common enough to be meant as written. The word vectors' source holds many
 * misspellings ("proces", "happend") far down its frequency list: those are read as typos like unknown words.
 */
const COMMON_WORD_RANK = 30_000;

function commonWords(embedder: TextEmbedder): ((word: string) => boolean) | undefined {
  const { wordRank, isKnownWord } = embedder;
  if (wordRank) return (word) => (wordRank.call(embedder, word) ?? Infinity) < COMMON_WORD_RANK;
  return isKnownWord?.bind(embedder);
}

/** The bridges of an index's corpus: its WordNet map and, with the offline embedder, word-vector neighbours. */
export function termBridges(index: LoadedIndex, embedder: TextEmbedder): TermBridges {
  const documentFrequency = (term: string) => {
    const id = index.lexical.termId(term);
    return id === undefined ? 0 : 1;
  };
  const { wordVector, wordRank } = embedder;
  const words =
    wordVector && wordRank
      ? { vector: (w: string) => wordVector.call(embedder, w), rank: (w: string) => wordRank.call(embedder, w) }
      : undefined;
  return createTermBridges(index.lexicon, documentFrequency, words);
}

export function createHybridRetriever(
  index: LoadedIndex,
  embedder: TextEmbedder,
  options: Partial<HybridOptions> = {},
  extras: { stats?: TermStatistics } = {},
): Retriever {
  const opts: HybridOptions = { ...DEFAULT_HYBRID_OPTIONS, ...options };
  const stats = extras.stats ?? new TermStatistics(index.lexical, termBridges(index, embedder));
  const unitById = new Map(index.units.map((u) => [u.id, u]));
  const metaById = new Map(index.documents.map((d) => [d.id, d]));
  const names = compileDocumentNames(index.documents);
  const correctSpelling = createSpellingCorrector(
    index.lexical,
    stats,
    commonWords(embedder),
    glossaryWords(),
    index.lexicon.vocabulary,
  );
  const chunkDoc = index.chunks.map((c) => unitById.get(c.unitId)?.documentId ?? '');

  function lexicalScores(
    topic: string,
    topicTerms: string[],
    scope: Set<DocumentId> | null,
    limit: number,
  ): ScoredId[] {
    // Each expansion word once: BM25 sums repeated query terms, and a word shared by many glossary phrases
    // ("passports" in "fake passports", "false passports") would otherwise outweigh the question itself.
    const expansion = [...new Set(expandQuery(topic).phrases.flatMap((p) => tokenize(p)))];
    const queries: WeightedQuery[] = [{ terms: topicTerms, weight: 1 }];
    if (expansion.length > 0) queries.push({ terms: analyse(expansion.join(' ')), weight: opts.expansionWeight });
    // Words the corpus never uses, read as the corpus terms WordNet relates them to, below the question's own.
    const bridged = new Map<string, number>();
    for (const bridges of stats.bridgesOf(topic).values())
      for (const [target, weight] of bridges) bridged.set(target, Math.max(bridged.get(target) ?? 0, weight));
    for (const weight of new Set(bridged.values())) {
      const terms = [...bridged].filter(([, w]) => w === weight).map(([t]) => t);
      queries.push({ terms, weight: opts.bridgeWeight * weight });
    }
    // Only the best lexical candidates take part in fusion, as only the nearest vectors do: on a large corpus a
    // common word matches most units, and fusing all of them would dominate the query time.
    return index.lexical.search(queries, { boost: LEXICAL_BOOST, groups: scope, limit });
  }

  async function vectorScores(topic: string, scope: Set<DocumentId> | null, k: number): Promise<ScoredId[]> {
    const query = await embedder.embedQuery(topic);
    const filter = scope ? (label: number) => scope.has(chunkDoc[label]) : undefined;
    const best = new Map<string, number>();
    for (const { label, similarity } of searchVectors(index.vectors, query, Math.max(k * 4, opts.candidates), filter)) {
      const unitId = index.chunks[label]?.unitId;
      if (unitId && similarity > (best.get(unitId) ?? -Infinity)) best.set(unitId, similarity);
    }
    return [...best].map(([id, score]) => ({ id, score }));
  }

  function toHit(unit: Unit, score: number, lexical: number, vector: number, referenced = false): SearchHit {
    const document = metaById.get(unit.documentId) as DocumentMeta;
    return { unit, document, score, lexical, vector, referenced };
  }

  const unitsByDoc = new Map<string, Unit[]>();
  for (const u of [...index.units].sort((a, b) => a.order - b.order)) {
    const list = unitsByDoc.get(u.documentId) ?? [];
    list.push(u);
    unitsByDoc.set(u.documentId, list);
  }

  /**
   * An overview of documents: each document's first unit, then the first unit of each of its top-level
   * sections (one per priority goal, chapter or group of recommendations), interleaved across documents.
   */
  function openingUnits(documents: readonly string[], k: number): SearchHit[] {
    const perDoc = documents.map((doc) => {
      const units = unitsByDoc.get(doc) ?? [];
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
      for (const list of perDoc) if (list[i] && hits.length < k) hits.push(toHit(list[i], 1 / (1 + i), 0, 0));
    }
    return hits;
  }

  /**
   * A search over several documents ("from 1997 to 2009", or `documents: [a, b]`) must hear from each: a
   * document with no unit among the hits gets its best-ranked candidate in place of the lowest hit of a
   * document that has several. Hits stay in score order.
   */
  function coverEachDocument(hits: SearchHit[], fused: FusedScore[], scopeIds: string[], k: number): SearchHit[] {
    if (k < scopeIds.length) return hits;
    const out = [...hits];
    const inHits = new Set(out.map((h) => h.unit.id));
    for (const doc of scopeIds) {
      if (out.some((h) => h.unit.documentId === doc)) continue;
      const best = fused.find((f) => !inHits.has(f.id) && unitById.get(f.id)?.documentId === doc);
      if (!best) continue;
      const perDoc = new Map<string, number>();
      for (const h of out) perDoc.set(h.unit.documentId, (perDoc.get(h.unit.documentId) ?? 0) + 1);
      if (out.length >= k) {
        // The lowest hit that is neither exactly referenced nor its document's only one.
        const drop = out.findLastIndex((h) => !h.referenced && (perDoc.get(h.unit.documentId) ?? 0) > 1);
        if (drop < 0) continue;
        out.splice(drop, 1);
      }
      out.push(toHit(unitById.get(best.id)!, Math.min(1, best.score), best.lexical, best.vector));
      inHits.add(best.id);
    }
    return out.sort((a, b) => Number(b.referenced) - Number(a.referenced) || b.score - a.score);
  }

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
        return { ...searched, hits: openingUnits(scopeIds, k), concepts: [], reference: null, overview: true };
      }
      const [lexical, vector] = await Promise.all([
        method === 'vector' ? [] : lexicalScores(topic, topicTerms, scope, Math.max(k * 4, opts.candidates * 2)),
        method === 'lexical' ? [] : vectorScores(topic, scope, k),
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
        hits.push(toHit(unit, 1, f?.lexical ?? 0, f?.vector ?? 0, true));
        seen.add(unit.id);
      }
      for (const f of fused) {
        if (hits.length >= k) break;
        if (seen.has(f.id)) continue;
        const unit = unitById.get(f.id);
        if (!unit) continue;
        hits.push(toHit(unit, Math.min(1, f.score), f.lexical, f.vector));
        seen.add(f.id);
      }
      const covered = scopeIds && scopeIds.length > 1 ? coverEachDocument(hits, fused, scopeIds, k) : hits;
      return { ...searched, hits: covered.slice(0, k), concepts, reference: referenced[0] ?? null, overview: false };
    },
  };
}

/** How many fused candidates are re-ranked by concept coverage; the tail keeps its fused order. */
const RERANK_DEPTH = 50;

/**
 * Mixes each top candidate's fused score with its concept coverage. BM25 rewards repeating one matched word;
 * coverage rewards holding all of the question's ideas, which is what makes a unit the answer. Half of the
 * coverage (proximityShare) is measured over the unit's best stretch of text: the unit about the question's
 * ideas names them together, a long list that mentions every actor names each somewhere.
 */
export function rerankByCoverage(
  fused: FusedScore[],
  concepts: readonly Concept[],
  stats: TermStatistics,
  options: Pick<HybridOptions, 'coverageWeight' | 'proximityShare' | 'proximitySpan'>,
): FusedScore[] {
  const { coverageWeight: weight, proximityShare: share, proximitySpan: span } = options;
  if (concepts.length < 2) return fused;
  const head = fused.slice(0, RERANK_DEPTH).map((f) => {
    const terms = stats.termsOf(f.id);
    const whole = coverage(concepts, terms);
    const near = share > 0 ? proximity(concepts, stats, f.id, span, terms) : 0;
    return { ...f, score: (1 - weight) * f.score + weight * ((1 - share) * whole + share * near) };
  });
  head.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return [...head, ...fused.slice(RERANK_DEPTH)];
}
