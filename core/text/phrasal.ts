/**
 * @module core/text/phrasal
 * Phrasal verbs ("send back", "lock up", "kick out"): a verb and an adverb particle that mean one thing, and
 * that English lets a short object split ("sending people back", "lock the bosses up").
 */

/** Adverb particles of phrasal verbs, as analysed terms. */
export const PARTICLES: ReadonlySet<string> = new Set(['back', 'up', 'out', 'off', 'away', 'along', 'down', 'around']);

/** At most this many terms between a verb and its particle: an object, not a clause ("send the migrants back"). */
const MAX_SPLIT = 2;

/** What ends a phrase an object may split: a particle, or "home" as an adverb ("send them home", "go home"). It
 * is no particle for weighing: alone, "home" names something ("home countries"). */
const SEPARABLE_ENDS: ReadonlySet<string> = new Set([...PARTICLES, 'home']);

/** A phrase that a short object may split: a verb and its particle. */
export const isSeparable = (phrase: readonly string[]): boolean => phrase.length === 2 && SEPARABLE_ENDS.has(phrase[1]);

/**
 * Where `phrase` stands in `terms`: the positions of its terms, together or, for a phrasal verb, split by a
 * short object; null when it is not there or `usable` refuses a position (one already taken by a longer
 * phrase). The first occurrence wins, a contiguous one before a split one.
 */
export function findPhrase(
  terms: readonly string[],
  phrase: readonly string[],
  usable: (position: number) => boolean = () => true,
): number[] | null {
  if (phrase.length === 0) return null;
  outer: for (let i = 0; i + phrase.length <= terms.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (!usable(i + j) || terms[i + j] !== phrase[j]) continue outer;
    return phrase.map((_, j) => i + j);
  }
  if (!isSeparable(phrase)) return null;
  for (let i = 0; i < terms.length; i++) {
    if (!usable(i) || terms[i] !== phrase[0]) continue;
    for (let k = i + 2; k <= Math.min(i + 1 + MAX_SPLIT, terms.length - 1); k++)
      if (usable(k) && terms[k] === phrase[1]) return [i, k];
  }
  return null;
}
