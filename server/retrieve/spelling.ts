/**
 * @module server/retrieve/spelling
 * Corrects misspelt words of a query to the documents' own ("sanctons" → "sanctions") before it is searched.
 * A word is corrected only when neither the documents (as written) nor the embedder's vocabulary knows it
 * (so a real word the documents do not use, such as "pact", is left alone), it is at least 5 letters long and not an acronym,
 * and a word of the documents or of the glossary ("prison") is within one edit (two from 8 letters on), as
 * written or as stems ("carier" → "carrier", whose commonest form is "carriers"). The nearest wins, then the
 * most common in the documents. Without a vocabulary to tell typos from words (OpenAI embeddings), nothing is
 * corrected.
 */
import { distance } from 'fastest-levenshtein';
import type { LexicalIndex } from '../../core/index/lexical.js';
import { foldText, toTerm } from '../../core/text/terms.js';
import type { TermStatistics } from './term-stats.js';

export interface Correction {
  /** The word as written in the query. */
  from: string;
  /** The documents' word it was read as. */
  to: string;
}

export interface CorrectedQuery {
  query: string;
  corrections: Correction[];
}

export type SpellingCorrector = (query: string) => CorrectedQuery;

const MIN_LENGTH = 5;
const MAX_UNKNOWN_PER_QUERY = 8;

/** Whether b is a with two neighbouring letters swapped ("sanctoins"): one slip of the fingers, not two. */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** Edit distance counting a swap of neighbouring letters as one edit (Levenshtein counts it as two). */
function edits(a: string, b: string): number {
  const d = distance(a, b);
  return d === 2 && isTransposition(a, b) ? 1 : d;
}
const maxEdits = (length: number) => (length >= 8 ? 2 : 1);

export function createSpellingCorrector(
  lexical: LexicalIndex,
  stats: TermStatistics,
  isKnownWord: ((word: string) => boolean) | undefined,
  glossaryWords: readonly string[] = [],
  /** Every word of the documents as written (the index's lexicon vocabulary), beyond each term's commonest form. */
  corpusWords: readonly string[] = [],
): SpellingCorrector {
  if (!isKnownWord) return (query) => ({ query, corrections: [] });
  const known = isKnownWord;
  // The words a query may have meant: the documents' (written as they most often are) and the glossary's,
  // each with its stem and how rare that is in the documents (lower idf = more common).
  // By length, so that a word is compared only with words of about its length.
  const byLength = new Map<number, { word: string; stem: string; idf: number }[]>();
  const seen = new Set<string>();
  const add = (word: string, stem: string | null) => {
    if (!stem || word.length < MIN_LENGTH - 2 || !/^[a-z]+$/.test(word) || seen.has(word)) return;
    seen.add(word);
    const list = byLength.get(word.length) ?? [];
    list.push({ word, stem, idf: stats.idf(stem) });
    byLength.set(word.length, list);
  };
  lexical.data.surfaces.forEach((word, id) => add(word, lexical.data.terms[id]));
  for (const word of glossaryWords) add(word, toTerm(word));
  // "Recommendation" is a form of the term "recommend", whose commonest form is "recommend": "recomendaton"
  // is near only the former.
  for (const word of corpusWords) add(word, toTerm(word));

  /** With `writtenOnly` (the word's stem is the documents' already), only a word within edits as written, of
   * another stem, is a correction: the stem alone would read it as what it already means. */
  function nearest(word: string, stem: string, writtenOnly: boolean): string | null {
    const allowed = maxEdits(word.length);
    let best: { word: string; idf: number; edits: number } | null = null;
    // Stems may differ from their words by a few letters more than the edits allowed ("carriers"/"carrier").
    const lengths = Array.from({ length: 2 * (allowed + 2) + 1 }, (_, i) => word.length - allowed - 2 + i);
    for (const candidate of lengths.flatMap((length) => byLength.get(length) ?? [])) {
      // A match as written beats one of stems at the same distance ("migrnts": "migrants", not "migration").
      if (writtenOnly && candidate.stem === stem) continue;
      const written = edits(word, candidate.word);
      const stems = written > allowed && !writtenOnly ? edits(stem, candidate.stem) + 0.5 : Infinity;
      const d = Math.min(written, stems);
      if (d > allowed + 0.5) continue;
      if (!best || d < best.edits || (d === best.edits && candidate.idf < best.idf)) best = { ...candidate, edits: d };
    }
    return best?.word ?? null;
  }

  const cache = new Map<string, string | null>();
  const CACHE_MAX = 10_000;
  function correctionOf(token: string, onScan: () => void): string | null {
    if (token.length < MIN_LENGTH || token === token.toUpperCase()) return null;
    const word = foldText(token);
    if (!/^[a-z]+$/.test(word)) return null;
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    const term = toTerm(word);
    // A word the documents use as written, or a common one, is meant. A stem the documents share is not enough:
    // "ministrial" stems like "ministries", but the word is a slip for "ministerial".
    if (term === null || seen.has(word) || known(word)) return null;
    onScan();
    const fixed = nearest(word, term, lexical.termId(term) !== undefined);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(word, fixed);
    return fixed;
  }

  return (query) => {
    const corrections: Correction[] = [];
    // Each unknown word costs a scan of the vocabulary: a query full of made-up words must not cost more
    // than a few of them.
    let unknownLeft = MAX_UNKNOWN_PER_QUERY;
    const corrected = query.replace(/\p{L}+/gu, (token) => {
      if (unknownLeft <= 0) return token;
      const fixed = correctionOf(token, () => unknownLeft--);
      if (!fixed) return token;
      corrections.push({ from: token, to: fixed });
      // "Readmision" → "Readmission": the query keeps its capitals.
      return token[0] === token[0].toUpperCase() ? fixed[0].toUpperCase() + fixed.slice(1) : fixed;
    });
    return { query: corrected, corrections };
  };
}
