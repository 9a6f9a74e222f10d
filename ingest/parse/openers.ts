/**
 * @module ingest/parse/openers
 * Recognises the first words of a recital or consideration ("Recognizing that…", "Aware of…",
 * "Taking note of…"). Recitals are the only structure of a preamble, and line wraps inside them
 * also start with capitals (country lists), so the opening word is what tells a new recital apart.
 */

// Participles and adjectives that open recitals in ministerial texts; "-ing" forms are matched by shape.
const OPENING_WORDS = new Set([
  'Also',
  'Further',
  'Being',
  'Having',
  'Deeply',
  'We',
  'To',
  'Have',
  'Hereby',
  'Aware',
  'Conscious',
  'Mindful',
  'Thank',
  'Thanks',
  'Convinced',
  'Committed',
  'Determined',
  'Concerned',
  'Gathered',
  'Pleased',
  'Encouraged',
  'Alarmed',
  'Resolved',
  'Guided',
  'Inspired',
  'Assembled',
]);

/** True when `text` (a line or block, leading space allowed) opens with a recital opener. */
export function startsWithOpener(text: string): boolean {
  const word = /^\s*([A-Z][a-z]+)\b/.exec(text)?.[1];
  if (word === undefined) return false;
  return OPENING_WORDS.has(word) || (word.length > 5 && word.endsWith('ing'));
}
