/**
 * @module server/retrieve/context
 * What every retrieval verb reads: the index, the embedder, the options, and lookups built once when the
 * retriever is created (units and documents by id, each document's units in reading order, the document each
 * chunk belongs to). Passed explicitly, so each verb can be tested on its own.
 */
import type { TextEmbedder } from '../../core/embed/types.js';
import type { LoadedIndex } from '../../core/index/store.js';
import { foldText } from '../../core/text/terms.js';
import type { DocumentMeta, Unit } from '../../core/types.js';
import { createTermBridges, NO_BRIDGES, type TermBridges } from './bridges.js';
import type { BridgeSources } from '../../core/config.js';
import type { FusionMethod } from './fuse.js';
import type { TermStatistics } from './term-stats.js';

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

export interface RetrievalContext {
  index: LoadedIndex;
  embedder: TextEmbedder;
  options: HybridOptions;
  stats: TermStatistics;
  unitById: ReadonlyMap<string, Unit>;
  metaById: ReadonlyMap<string, DocumentMeta>;
  /** Each document's units in reading order. */
  unitsByDoc: ReadonlyMap<string, Unit[]>;
  /** The document of each chunk, by its vector label. */
  chunkDoc: readonly string[];
  /** A unit's text folded as query words are (foldText), computed once per unit when first asked for. */
  foldedText(unit: Unit): string;
}

export function createRetrievalContext(
  index: LoadedIndex,
  embedder: TextEmbedder,
  options: HybridOptions,
  stats: TermStatistics,
): RetrievalContext {
  const unitById = new Map(index.units.map((u) => [u.id, u]));
  const metaById = new Map(index.documents.map((d) => [d.id, d]));
  const unitsByDoc = new Map<string, Unit[]>();
  for (const u of [...index.units].sort((a, b) => a.order - b.order)) {
    const list = unitsByDoc.get(u.documentId) ?? [];
    list.push(u);
    unitsByDoc.set(u.documentId, list);
  }
  const chunkDoc = index.chunks.map((c) => unitById.get(c.unitId)?.documentId ?? '');
  // Lazily: only a few questions (about an event, or a document's overview) match words in unit text, and
  // folding every unit up front would add to start on a large corpus.
  const folded = new Map<string, string>();
  const foldedText = (unit: Unit) => {
    let text = folded.get(unit.id);
    if (text === undefined) folded.set(unit.id, (text = foldText(unit.text)));
    return text;
  };
  return { index, embedder, options, stats, unitById, metaById, unitsByDoc, chunkDoc, foldedText };
}

/**
 * Words of the embedder's vocabulary common enough to be meant as written. The word vectors' source holds many
 * misspellings ("proces", "happend") far down its frequency list: those are read as typos like unknown words.
 */
const COMMON_WORD_RANK = 30_000;

export function commonWords(embedder: TextEmbedder): ((word: string) => boolean) | undefined {
  const { wordRank, isKnownWord } = embedder;
  if (wordRank) return (word) => (wordRank.call(embedder, word) ?? Infinity) < COMMON_WORD_RANK;
  return isKnownWord?.bind(embedder);
}

/**
 * The bridges of an index's corpus: its WordNet map and, with the offline embedder, word-vector neighbours;
 * `sources` leaves either out (BRIDGES, to measure each alone); `knownWords` (KNOWN_BRIDGES) whether words the
 * corpus does use bridge too, through WordNet's relations between corpus words.
 */
export function termBridges(
  index: LoadedIndex,
  embedder: TextEmbedder,
  sources: BridgeSources = 'both',
  knownWords = true,
): TermBridges {
  if (sources === 'none') return NO_BRIDGES;
  const documentFrequency = (term: string) => {
    const id = index.lexical.termId(term);
    return id === undefined ? 0 : 1;
  };
  const { wordVector, wordRank } = embedder;
  const useVectors = sources === 'both' || sources === 'vectors';
  // Without WordNet the map is empty but keeps the corpus vocabulary the neighbours are drawn from.
  const lexicon = {
    ...index.lexicon,
    entries: sources === 'vectors' ? {} : index.lexicon.entries,
    related: sources === 'vectors' || !knownWords ? {} : index.lexicon.related,
  };
  const words =
    useVectors && wordVector && wordRank
      ? { vector: (w: string) => wordVector.call(embedder, w), rank: (w: string) => wordRank.call(embedder, w) }
      : undefined;
  return createTermBridges(lexicon, documentFrequency, words);
}
