/**
 * @module ingest/index/lexicon
 * The lexical map stored with an index: people's words (as index terms) → the corpus's own terms with a weight
 * in (0, 1]. Written at ingest (ingest/lexicon/build.ts), read at start, looked up per query term.
 */

export interface LexicalMap {
  /** Where the relations come from, e.g. "wordnet-3.1" or "wordnet-3.1+vectors". */
  source: string;
  /** Key term → [corpus term, weight] pairs, strongest first. */
  entries: Record<string, [string, number][]>;
  /**
   * Corpus term → other corpus terms joined to it in a main sense of both (ingest/lexicon/known.ts), for a
   * question word the documents use where a unit has another. Absent in indexes built before it existed.
   */
  related?: Record<string, [string, number][]>;
  /** The corpus's distinct words as written (folded, not stemmed), for looking up their word vectors. */
  vocabulary: string[];
}

export const EMPTY_LEXICAL_MAP: LexicalMap = { source: 'none', entries: {}, vocabulary: [] };

/** The corpus terms a query term bridges to, strongest first; none for a term with no entry. */
export function bridgeTerm(map: LexicalMap, term: string): readonly [string, number][] {
  return Object.hasOwn(map.entries, term) ? map.entries[term] : [];
}

/** The corpus terms a corpus term is related to in its main senses, strongest first. */
export function relatedTerms(map: LexicalMap, term: string): readonly [string, number][] {
  return map.related && Object.hasOwn(map.related, term) ? map.related[term] : [];
}
