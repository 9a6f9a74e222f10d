/**
 * @module server/retrieve/bridges
 * Words of a question that the corpus never uses, read as the corpus's own terms: through WordNet (the map
 * built at ingest, ingest/lexicon) and through the nearest corpus words in the offline word vectors
 * ("jail" → "imprisonment", "airlines" → "carriers"). A word the corpus does use, where a unit may say it
 * another way ("help" where it says "assistance", "members" for "membership"), bridges at half weight to the
 * corpus words WordNet joins to it in a main sense of both. Each bridge weighs less than the word itself would.
 */
import { bridgeTerm, relatedTerms, type LexicalMap } from '../../core/index/lexicon.js';
import { memoised } from '../../core/memo.js';
import { toTerm, tokenize } from '../../core/text/terms.js';

export type Bridge = readonly [term: string, weight: number];

/** A topic's unknown terms → the corpus terms they stand for. */
export type TermBridges = (topic: string) => ReadonlyMap<string, readonly Bridge[]>;

export interface BridgeOptions {
  /** Nearest corpus words taken per unknown word. */
  neighbours: number;
  /** Cosine below which a corpus word is not a neighbour. */
  similarityFloor: number;
  /** Unknown words bridged per question, at most (the rest are left as they are). */
  maxWords: number;
  /** Words more common than this rank in the vectors' source ("here", "back", "let") carry no topic to bridge. */
  minRank: number;
  /**
   * A word the corpus does use bridges too, to the corpus words WordNet joins to it in a main sense of both
   * (lexicon `related`), at `knownScale` of their weight: the word itself may be what a unit says, so its
   * bridges weigh clearly less than a bridge for a word no unit has. (Word-vector neighbours of known words,
   * cosine ≥ 0.75 or 0.85, were measured and added nothing.)
   */
  knownScale: number;
  /** Known words bridged per question, at most. */
  maxKnownWords: number;
}

export const DEFAULT_BRIDGE_OPTIONS: BridgeOptions = {
  neighbours: 3,
  similarityFloor: 0.6,
  maxWords: 6,
  minRank: 1000,
  knownScale: 0.5,
  maxKnownWords: 8,
};

/** What the embedder knows of words, when it has word vectors. */
export interface WordSpace {
  vector(word: string): Float32Array | null;
  rank(word: string): number | null;
}

/** Words whose vector neighbours are kept (see createTermBridges); oldest dropped first. */
const NEAREST_CACHE_SIZE = 4096;

export const NO_BRIDGES: TermBridges = () => new Map();

interface NeighbourSpace {
  terms: string[];
  /** Row-major unit vectors, one row per entry of `terms`. */
  rows: Float32Array;
  dims: number;
}

function neighbourSpace(
  vocabulary: readonly string[],
  wordVector: (w: string) => Float32Array | null,
  known: (term: string) => boolean,
): NeighbourSpace {
  const terms: string[] = [];
  const vectors: Float32Array[] = [];
  for (const word of vocabulary) {
    const term = toTerm(word);
    const v = term && known(term) ? wordVector(word) : null;
    if (!v || !term) continue;
    terms.push(term);
    vectors.push(v);
  }
  const dims = vectors[0]?.length ?? 0;
  const rows = new Float32Array(terms.length * dims);
  vectors.forEach((v, i) => {
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dims; d++) rows[i * dims + d] = v[d] / norm;
  });
  return { terms, rows, dims };
}

/** Bridges to other terms than the word's own, each target once at its best weight, strongest first. */
function merge(term: string, bridges: readonly Bridge[]): Bridge[] {
  const merged = new Map<string, number>();
  for (const [target, weight] of bridges)
    if (target !== term && weight > (merged.get(target) ?? 0)) merged.set(target, weight);
  return [...merged].sort((a, b) => b[1] - a[1]);
}

export function createTermBridges(
  lexicon: LexicalMap,
  documentFrequency: (term: string) => number,
  words?: WordSpace,
  options: BridgeOptions = DEFAULT_BRIDGE_OPTIONS,
): TermBridges {
  const wordVector = words ? (w: string) => words.vector(w) : undefined;
  const tooCommon = (word: string) => (words?.rank(word) ?? Infinity) < options.minRank;
  const known = (term: string) => documentFrequency(term) > 0;
  // Built on first use: most questions use only the corpus's words, and start stays fast.
  let space: NeighbourSpace | undefined;
  const scanNearest = (word: string): Bridge[] => {
    if (!wordVector) return [];
    const v = wordVector(word);
    if (!v) return [];
    space ??= neighbourSpace(lexicon.vocabulary, wordVector, known);
    const { terms, rows, dims } = space;
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    const best = new Map<string, number>();
    for (let i = 0; i < terms.length; i++) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += rows[i * dims + d] * v[d];
      const cosine = dot / norm;
      if (cosine >= options.similarityFloor && cosine > (best.get(terms[i]) ?? 0)) best.set(terms[i], cosine);
    }
    return [...best].sort((a, b) => b[1] - a[1]).slice(0, options.neighbours);
  };
  // A word's neighbours are a pure function of the word and scanning the vocabulary is the dearest step of
  // reading a question; words recur across questions, so each word's are kept.
  const nearest = memoised(scanNearest, NEAREST_CACHE_SIZE);
  const knownBridges = (term: string): Bridge[] =>
    merge(term, relatedTerms(lexicon, term)).map(([t, w]) => [t, w * options.knownScale] as const);
  return (topic) => {
    const out = new Map<string, Bridge[]>();
    let unknownWords = 0;
    let knownWords = 0;
    for (const word of tokenize(topic)) {
      const term = toTerm(word);
      if (!term || out.has(term)) continue;
      if (known(term)) {
        if (knownWords >= options.maxKnownWords) continue;
        const found = knownBridges(term);
        if (found.length > 0) {
          out.set(term, found);
          knownWords++;
        }
        continue;
      }
      if (unknownWords >= options.maxWords || tooCommon(word)) continue;
      const merged = merge(term, [...bridgeTerm(lexicon, term), ...nearest(word)]);
      if (merged.length > 0) {
        out.set(term, merged);
        unknownWords++;
      }
    }
    return out;
  };
}
