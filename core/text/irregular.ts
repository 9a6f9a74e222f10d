/**
 * @module core/text/irregular
 * Irregular inflections read as their base word ("took" → "take", "sent" → "send", "women" → "woman"), from
 * WordNet's morphological exception lists as wink-lexicon ships them: a stemmer only strips regular endings, so
 * "when did Türkiye take over" never met "Türkiye took over", nor "bosses who hold" a text that "held".
 */
import nounExceptions from 'wink-lexicon/src/wn-noun-exceptions.js';
import verbExceptions from 'wink-lexicon/src/wn-verb-exceptions.js';

/**
 * The base word of an irregular form, or the word itself. Forms that a stemmer already brings to the base, or
 * within a letter of it, are left to the stemmer ("programmes" is "programme", not WordNet's "program";
 * "trafficking" stays with "trafficked"): only the lists' truly irregular entries apply.
 */
export function baseWord(word: string, stem: (word: string) => string): string {
  const base = Object.hasOwn(verbExceptions, word)
    ? verbExceptions[word]
    : Object.hasOwn(nounExceptions, word)
      ? nounExceptions[word]
      : undefined;
  if (typeof base !== 'string' || base === word || base.includes(' ') || base.includes('_')) return word;
  const [formStem, baseStem] = [stem(word), stem(base)];
  if (formStem.startsWith(baseStem) && formStem.length - baseStem.length <= 1) return word;
  return base;
}
