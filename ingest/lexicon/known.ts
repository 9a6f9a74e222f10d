/**
 * @module ingest/lexicon/known
 * Relations between the corpus's own words, for a question word the documents use in another sense or less
 * often than the word a unit has ("laws" where the unit says "legislation", "members" for "membership").
 * The map of people's words (build.ts) follows every relation of a corpus word's first three senses, which
 * for common words reaches far ("law" → "police", "check" → "agree"); a corpus word is read in its main
 * senses, so here a relation counts only when it joins a main sense of both words: the same synset
 * ("help" ↔ "assistance") or a derivational link between the two words themselves ("member" ↔ "membership").
 * One level up or down was measured too and left out: it reaches from general words to many specific ones
 * ("people" → "generation", "living") and fresh-train abstention fell (docs/retrieval.md, Bridging).
 */
import { toTerm } from '../../core/text/terms.js';
import { baseForms } from './build.js';
import { WORDNET_POS, type SynsetRef, type WordNet } from './wordnet.js';

export interface KnownLexiconOptions {
  /** Senses of each word that count as its main ones, most frequent first. */
  senses: number;
  /** Weights by relation, before bridges.ts scales them below a bridge for an unknown word. */
  synonym: number;
  derived: number;
  /** Targets kept per word, strongest first. */
  maxTargets: number;
}

export const DEFAULT_KNOWN_LEXICON_OPTIONS: KnownLexiconOptions = {
  senses: 2,
  synonym: 1,
  derived: 1,
  maxTargets: 6,
};

const isWord = (lemma: string) => /^[a-z][a-z-]*$/.test(lemma);
const keyOf = (ref: SynsetRef) => `${ref.pos}:${ref.offset}`;

/** Corpus term → related corpus terms with a weight in (0, 1], strongest first. */
export function buildKnownWordMap(
  vocabulary: readonly string[] | ReadonlySet<string>,
  wordnet: WordNet,
  options: KnownLexiconOptions = DEFAULT_KNOWN_LEXICON_OPTIONS,
): Record<string, [string, number][]> {
  const corpusTerms = new Set<string>();
  for (const word of vocabulary) if (isWord(word) && word.length >= 3) corpusTerms.add(toTerm(word) ?? '');
  corpusTerms.delete('');
  const mainSenses = new Map<string, SynsetRef[]>();
  const mainOf = (lemma: string): SynsetRef[] => {
    let senses = mainSenses.get(lemma);
    if (!senses) {
      senses = WORDNET_POS.flatMap((pos) => wordnet.senses(lemma, pos).slice(0, options.senses));
      mainSenses.set(lemma, senses);
    }
    return senses;
  };
  const isMainSense = (lemma: string, ref: SynsetRef) => mainOf(lemma).some((s) => keyOf(s) === keyOf(ref));

  const weights = new Map<string, Map<string, number>>();
  const relate = (key: string, lemma: string, via: SynsetRef, weight: number) => {
    if (lemma.includes(' ') || !isWord(lemma)) return;
    const target = toTerm(lemma);
    if (!target || target === key || !corpusTerms.has(target) || !isMainSense(lemma, via)) return;
    let targets = weights.get(key);
    if (!targets) weights.set(key, (targets = new Map()));
    if ((targets.get(target) ?? 0) < weight) targets.set(target, weight);
  };

  for (const word of vocabulary) {
    if (!isWord(word) || word.length < 3) continue;
    const key = toTerm(word);
    if (!key) continue;
    for (const lemma of baseForms(word)) {
      for (const sense of mainOf(lemma)) {
        const synset = wordnet.synset(sense);
        const position = synset.words.indexOf(lemma) + 1;
        for (const w of synset.words) relate(key, w, sense, options.synonym);
        for (const p of synset.pointers) {
          if (p.symbol !== '+' || (p.from !== 0 && p.from !== position)) continue;
          const words = wordnet.synset(p.target).words;
          for (const w of p.to === 0 ? words : [words[p.to - 1] ?? '']) relate(key, w, p.target, options.derived);
        }
      }
    }
  }
  const entries: Record<string, [string, number][]> = {};
  for (const key of [...weights.keys()].sort()) {
    entries[key] = [...weights.get(key)!]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, options.maxTargets);
  }
  return entries;
}
