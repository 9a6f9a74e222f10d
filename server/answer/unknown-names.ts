/**
 * @module server/answer/unknown-names
 * Words a question writes as names. Proper names that no unit of the corpus uses ("When is the next conference in
 * Baku?") cannot be answered: such a question is declined, and the decline says which name the documents never
 * mention. Names and numbers also keep their weight in the evidence check (evidence.ts gateConcepts).
 */
import { analyse, foldText } from '../../core/text/terms.js';
import type { TermStatistics } from '../retrieve/term-stats.js';

/** The topic's words but each sentence's first, which is capitalised whatever it is ("… Put it in order."). */
function laterWords(topic: string): string[] {
  return topic.split(/(?<=[.?!])\s+/).flatMap((sentence) => sentence.split(/\s+/).slice(1));
}

/** The terms of words written as names or numbers ("Frontex", "COVID", "2031"). */
export function namedTerms(topic: string): Set<string> {
  return new Set(
    laterWords(topic)
      .filter((w) => /^[^a-z]*[A-Z0-9]/.test(w))
      .flatMap((w) => analyse(w)),
  );
}

/**
 * Words written as proper names ("Baku", "Frontex"). Numbers, ordinals, labels and acronyms ("44th", "PG3",
 * "XIV", "CfA") are read by the reference parser and the glossary instead.
 */
function properNames(topic: string): string[] {
  return laterWords(topic)
    .map((w) => /^[("'“‘]?([A-Z][a-z]+)[)"'”’.,;:?!]*$/.exec(w)?.[1] ?? '')
    .filter((w) => w.length >= 3);
}

/** The proper names of the topic that no unit uses and the glossary does not know ("Covid" is the pandemic), as
 * written. */
export function unknownNames(topic: string, stats: TermStatistics): string[] {
  return [...new Set(properNames(topic))].filter(
    (name) => !stats.glossary.knows(foldText(name)) && analyse(name).some((t) => !stats.uses(t)),
  );
}
