/**
 * @module ingest/lexicon/build
 * Builds the lexical map at ingest: for words people use ("boss", "jail", "deportee"), the corpus's own terms
 * that WordNet relates to them ("employer", "imprisonment", "return"), each with a weight below an exact match.
 * Built from the corpus's side: each corpus word's senses, their synonyms, and their near hyponyms and
 * hypernyms, so only words that occur in the corpus are ever targets. One level each way: two levels down
 * multiplied the synsets read twentyfold and brought mostly noise (the word vectors bridge "airlines" to
 * "carriers" directly). Keys and targets are index terms (stems).
 */
import { toTerm, tokenize } from '../../core/text/terms.js';
import type { LexicalMap } from '../../core/index/lexicon.js';
import { WORDNET_POS, type SynsetRef, type WordNet, type WordNetPos } from './wordnet.js';

export interface LexiconOptions {
  /** Senses of a corpus word that are followed, most frequent first: rarer senses bring more noise than help. */
  senses: number;
  /** Weights by relation. */
  synonym: number;
  /** A word one level more specific than the corpus word ("boss" for "employer"). */
  hyponym: number;
  /** One level more general ("official" for "officer"). */
  hypernym: number;
  /** An adjective WordNet lists as similar ("fake" for "false"). */
  similar: number;
  /** A synset with more direct hyponyms than this is too general to expand downwards ("person"). */
  maxHyponyms: number;
  /** Targets kept per key, strongest first. */
  maxTargets: number;
}

export const DEFAULT_LEXICON_OPTIONS: LexiconOptions = {
  senses: 3,
  synonym: 1,
  hyponym: 0.8,
  hypernym: 0.6,
  similar: 0.8,
  maxHyponyms: 40,
  maxTargets: 6,
};

/** WordNet lemma candidates for an inflected corpus word (WordNet's own detachment rules, simplified). */
export function baseForms(word: string): string[] {
  const forms = new Set([word]);
  const rules: [string, string][] = [
    ['ies', 'y'],
    ['es', ''],
    ['s', ''],
    ['ing', ''],
    ['ing', 'e'],
    ['ed', ''],
    ['ed', 'e'],
    ['ers', 'er'],
  ];
  for (const [suffix, ending] of rules) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) forms.add(word.slice(0, -suffix.length) + ending);
  }
  return [...forms];
}

const isWord = (lemma: string) => /^[a-z][a-z-]*$/.test(lemma);

/**
 * The map from people's words to corpus terms. `vocabulary` is the corpus's distinct surface words (folded).
 */
export function buildLexicalMap(
  vocabulary: readonly string[] | ReadonlySet<string>,
  wordnet: WordNet,
  options: LexiconOptions = DEFAULT_LEXICON_OPTIONS,
): LexicalMap {
  const weights = new Map<string, Map<string, number>>();
  const add = (lemma: string, target: string, weight: number) => {
    for (const token of tokenize(lemma)) {
      if (!isWord(token)) continue;
      const key = toTerm(token);
      if (!key || key === target) continue;
      let targets = weights.get(key);
      if (!targets) weights.set(key, (targets = new Map()));
      if ((targets.get(target) ?? 0) < weight) targets.set(target, weight);
    }
  };
  const hyponymsOf = (ref: SynsetRef): SynsetRef[] => {
    const below = wordnet
      .synset(ref)
      .pointers.filter((p) => p.symbol === '~' || p.symbol === '~i')
      .map((p) => p.target);
    return below.length > options.maxHyponyms ? [] : below;
  };

  for (const word of vocabulary) {
    if (!isWord(word) || word.length < 3) continue;
    const target = toTerm(word);
    if (!target) continue;
    for (const lemma of baseForms(word)) {
      for (const pos of WORDNET_POS as WordNetPos[]) {
        for (const sense of wordnet.senses(lemma, pos).slice(0, options.senses)) {
          const synset = wordnet.synset(sense);
          // Multi-word lemmas ("common carrier") count only as single words here: a phrase in a question is
          // matched word by word by the index anyway.
          for (const w of synset.words) if (!w.includes(' ')) add(w, target, options.synonym);
          for (const below of hyponymsOf(sense)) {
            for (const w of wordnet.synset(below).words) if (!w.includes(' ')) add(w, target, options.hyponym);
          }
          for (const p of synset.pointers) {
            if (p.symbol === '@' || p.symbol === '@i') {
              for (const w of wordnet.synset(p.target).words) if (!w.includes(' ')) add(w, target, options.hypernym);
            } else if (p.symbol === '&') {
              for (const w of wordnet.synset(p.target).words) if (!w.includes(' ')) add(w, target, options.similar);
            }
          }
        }
      }
    }
  }
  const entries: LexicalMap['entries'] = {};
  for (const key of [...weights.keys()].sort()) {
    entries[key] = [...weights.get(key)!]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, options.maxTargets);
  }
  return { source: 'wordnet-3.1', entries, vocabulary: [...vocabulary].filter(isWord).sort() };
}
