/**
 * @module server/answer/unknown-names
 * Proper names a question uses that no unit of the corpus does ("When is the next conference in Baku?", "How much
 * has Frontex given?"). No unit can state anything about them, so such a question is declined, and the decline
 * says which name the documents never mention.
 */
import { analyse, foldText } from '../../core/text/terms.js';
import type { TermStatistics } from '../retrieve/term-stats.js';

/**
 * Words written as proper names after the first word of the topic ("Baku", "Frontex"). Numbers, ordinals,
 * labels and acronyms ("44th", "PG3", "XIV", "CfA") are read by the reference parser and the glossary instead.
 */
function properNames(topic: string): string[] {
  return topic
    .split(/\s+/)
    .slice(1)
    .map((w) => /^[("'“‘]?([A-Z][a-z]+)[)"'”’.,;:?!]*$/.exec(w)?.[1] ?? '')
    .filter((w) => w.length >= 3);
}

/** The proper names of the topic that no unit uses and the glossary does not know ("Covid" is the pandemic), as
 * written. */
export function unknownNames(topic: string, stats: TermStatistics): string[] {
  const known = new Set(stats.glossary.words);
  return [...new Set(properNames(topic))].filter(
    (name) => !known.has(foldText(name)) && analyse(name).some((t) => !stats.uses(t)),
  );
}
