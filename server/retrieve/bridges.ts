/**
 * @module server/retrieve/bridges
 * Words of a question that the corpus never uses, read as the corpus's own terms: through WordNet (the map
 * built at ingest, ingest/lexicon) and through the nearest corpus words in the offline word vectors
 * ("jail" → "imprisonment", "airlines" → "carriers"). Each bridge weighs less than the word itself would.
 */
import { bridgeTerm, type LexicalMap } from '../../core/index/lexicon.js';
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
}

export const DEFAULT_BRIDGE_OPTIONS: BridgeOptions = {
  neighbours: 3,
  similarityFloor: 0.6,
  maxWords: 6,
  minRank: 1000,
};

/** What the embedder knows of words, when it has word vectors. */
export interface WordSpace {
  vector(word: string): Float32Array | null;
  rank(word: string): number | null;
}

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
  const nearest = (word: string): Bridge[] => {
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
  return (topic) => {
    const out = new Map<string, Bridge[]>();
    for (const word of tokenize(topic)) {
      if (out.size >= options.maxWords) break;
      const term = toTerm(word);
      if (!term || out.has(term) || known(term) || tooCommon(word)) continue;
      const merged = new Map<string, number>();
      for (const [target, weight] of [...bridgeTerm(lexicon, term), ...nearest(word)])
        if (target !== term && weight > (merged.get(target) ?? 0)) merged.set(target, weight);
      if (merged.size > 0)
        out.set(
          term,
          [...merged].sort((a, b) => b[1] - a[1]),
        );
    }
    return out;
  };
}
