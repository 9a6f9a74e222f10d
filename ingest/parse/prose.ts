/**
 * @module ingest/parse/prose
 * Tells prose from layout debris in OCR'd brochures (chart labels, image text, stray letters). The
 * evidence is the document itself: real words recur in it and real sentences carry function words,
 * whereas OCR noise ("nner Wersse: Bhee") is made of one-off tokens.
 */

const STOPWORDS = new Set(
  (
    'a an the and or but nor of to in on at by for from with without into onto as is are was were be been ' +
    'being has have had it this that these those which who whom whose what when where while than then ' +
    'there their they them we our us he she his her not no so such also both all any each other its under ' +
    'over between among through during after before about above below up out if because per via will would ' +
    'should can could may might must shall do does did more most many much new'
  ).split(' '),
);

/** How often each word (lower-cased) occurs in a text. */
export type Vocabulary = Map<string, number>;

export function vocabularyOf(text: string): Vocabulary {
  const vocabulary: Vocabulary = new Map();
  for (const word of text.toLowerCase().match(/\p{L}+(?:['’]\p{L}+)*/gu) ?? []) {
    vocabulary.set(word, (vocabulary.get(word) ?? 0) + 1);
  }
  return vocabulary;
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word.toLowerCase());
}

/** The letters of a token, or null for numbers and punctuation. Mixed-case noise ("SURECi") is kept as is. */
function wordOf(token: string): string | null {
  const core = token.replace(/^\P{L}+|(?<!\P{L})\P{L}+$/gu, '');
  return /\p{L}/u.test(core) ? core : null;
}

/** Written like a word: a function word, or three letters or more in a plausible case. */
function isWellFormed(word: string): boolean {
  return isStopword(word) || (word.length >= 3 && /^(?:\p{Lu}?[\p{Ll}'’-]+|[\p{Lu}'’-]+)$/u.test(word));
}

/** A well-formed word that recurs in the document, or a function word. */
function isKnown(word: string, vocabulary: Vocabulary): boolean {
  if (!isWellFormed(word)) return false;
  if (isStopword(word)) return true;
  return word.split(/[-'’]/).every((part) => part === '' || (vocabulary.get(part.toLowerCase()) ?? 0) >= 2);
}

export interface ProseScore {
  words: number;
  wellFormed: number;
  known: number;
  stopwords: number;
}

export function scoreText(text: string, vocabulary: Vocabulary): ProseScore {
  const words = text
    .split(/\s+/)
    .map(wordOf)
    .filter((w): w is string => w !== null);
  return {
    words: words.length,
    wellFormed: words.filter(isWellFormed).length,
    known: words.filter((w) => isKnown(w, vocabulary)).length,
    stopwords: words.filter(isStopword).length,
  };
}

/**
 * Running text, or a list of recurring names — anything worth citing. A "list" that ends with a
 * full stop is a photo caption ("Budapest Process Ministerial Conference 2013 logo."): text that
 * ends like a sentence must read like one, with function words.
 */
export function isProse(text: string, vocabulary: Vocabulary): boolean {
  const s = scoreText(text, vocabulary);
  if (s.words < 3 || (s.words === 3 && !/[.!?]["'”’)]*$/.test(text.trim()))) return false;
  // Function words mark a sentence; recurrence in the document marks a list of names.
  const sentenceLike = s.stopwords >= 2 && s.stopwords / s.words >= 0.15 && s.wellFormed / s.words >= 0.8;
  return sentenceLike || (s.known / s.words >= 0.7 && !/\.["'”’)]*$/.test(text.trim()));
}

/** Mostly real words (a heading may be short and use a rare word, but it is not OCR noise). */
export function isLegible(text: string, vocabulary: Vocabulary): boolean {
  const s = scoreText(text, vocabulary);
  return s.words > 0 && s.wellFormed / s.words >= 0.7 && (s.stopwords > 0 || s.known / s.words >= 0.5);
}

/**
 * Drops trailing one- or two-character noise tokens ("…present day. e", "…Conference ot s").
 * Headings keep numbers ("Phase 1").
 */
export function withoutTrailingNoise(text: string, options: { keepNumbers?: boolean } = {}): string {
  const tokens = text.trim().split(/\s+/);
  const isNoise = (t: string) => t.length <= 2 && !isStopword(t) && !(options.keepNumbers && /^\d+$/.test(t));
  while (tokens.length > 1 && isNoise(tokens[tokens.length - 1])) tokens.pop();
  return tokens.join(' ');
}

/** Whether text has finished its sentence, ignoring trailing noise; a closing bracket also ends a list item. */
export function endsSentence(text: string): boolean {
  // /[.;:!?)]["'”’)\]]*$/ without its quadratic scan: the closing run, then the mark before it (a ")" in the
  // run is itself a mark).
  const s = withoutTrailingNoise(text);
  let start = s.length;
  while (start > 0 && CLOSERS.has(s[start - 1])) start--;
  return (start > 0 && ENDS.has(s[start - 1])) || s.slice(start).includes(')');
}

const ENDS = new Set(['.', ';', ':', '!', '?', ')']);
const CLOSERS = new Set(['"', "'", '”', '’', ')', ']']);
