/**
 * @module ingest/parse/heading-text
 * How a heading reads in labels and sections, and the slug it lends to unit ids. Capitals-only
 * headings are re-cased by the document's own usage: "KEY FACTS ABOUT THE BUDAPEST PROCESS" →
 * "Key facts about the Budapest Process", because the text writes "Budapest Process" capitalised.
 */
import { isStopword, withoutTrailingNoise } from './prose.js';

interface CaseCounts {
  lower: number;
  capital: number;
  upper: number;
}

/** How each word is usually written in running text (sentence-initial words excluded). */
export type CaseUsage = Map<string, CaseCounts>;

export function caseUsageOf(runningText: string): CaseUsage {
  const usage: CaseUsage = new Map();
  const re = /([.!?]["'”’)]*\s+)?(\p{L}+)/gu;
  for (const m of runningText.matchAll(re)) {
    if (m[1] !== undefined) continue;
    const word = m[2];
    const counts = usage.get(word.toLowerCase()) ?? { lower: 0, capital: 0, upper: 0 };
    if (word.length > 1 && word === word.toUpperCase()) counts.upper++;
    else if (/^\p{Lu}/u.test(word)) counts.capital++;
    else counts.lower++;
    usage.set(word.toLowerCase(), counts);
  }
  return usage;
}

/**
 * The heading as shown in sections and labels. `heading` may hold the heading's lines separated by
 * "\n"; `runningText` (the document's text outside capitals headings) tells how they join:
 * - lines that are each a short name ("BERLIN" / "GERMANY", "PRAGUE" / "CZECH" / "REPUBLIC") are a
 *   place and its country: joined by ", " except where the text writes the pair as one name
 *   ("Czech Republic");
 * - a dash left dangling at a line break after a function word ("… at the -" / "Rhodes …") is
 *   dropped; between two titles ("… Process" / "- Silk Routes II Project") it stays a separator.
 * A trailing footnote number is dropped from a long heading ("… the Call for Action 1"), not from a
 * short one ("Phase 1"); OCR'd Roman numerals between capitalised words ("Silk Routes Il
 * Project") read as such. Labels only: unit text is never touched.
 */
export function displayHeading(
  heading: string,
  usage: CaseUsage,
  runningText = '',
  numerals: NumeralSeries = new Map(),
): string {
  const lines = heading
    .replace(/^#+\s*/, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const capitals = isCapitals(lines.join(' '));
  const names = capitals && lines.length > 1 && lines.every((l) => isNameLine(l, usage));
  let joined = lines[0] ?? '';
  for (const line of lines.slice(1)) joined = joinLines(joined, line, names, runningText);
  let text = withoutTrailingMarks(withoutTrailingNoise(joined, { keepNumbers: true })).trim();
  text = withoutFootnoteNumber(text);
  text = withRomanNumerals(text, numerals);
  if (!capitals) return text;
  return text.replace(/\p{L}+/gu, (word, offset: number) => recase(word, offset === 0, usage));
}

const TRAILING_MARKS = new Set(['-', '–', '—', ':', '|']);

/**
 * `text` without the dashes, colons and bars it ends with, and the spaces before them. A loop, not
 * /\s*[-–—:|]+$/, which is quadratic on a long run of marks.
 */
function withoutTrailingMarks(text: string): string {
  let end = text.length;
  while (end > 0 && TRAILING_MARKS.has(text[end - 1])) end--;
  return end === text.length ? text : text.slice(0, end).trimEnd();
}

function isCapitals(text: string): boolean {
  const letters = text.replace(/\P{L}/gu, '');
  return letters !== '' && letters === letters.toUpperCase();
}

/** One to three words, no function word, each written capitalised in the running text. */
function isNameLine(line: string, usage: CaseUsage): boolean {
  const words = line.split(/\s+/);
  return (
    words.length <= 3 &&
    words.every((w) => {
      const counts = /^\p{L}+$/u.test(w) ? usage.get(w.toLowerCase()) : undefined;
      return counts !== undefined && !isStopword(w) && counts.capital > counts.lower;
    })
  );
}

function joinLines(before: string, line: string, names: boolean, runningText: string): string {
  if (names) {
    const last = /(?<!\p{L})\p{L}+$/u.exec(before)?.[0] ?? '';
    const first = /^(\p{L}+)/u.exec(line)?.[1] ?? '';
    const phrase = `${capitalise(last)} ${capitalise(first)}`;
    return new RegExp(`(?<!\\p{L})${phrase}(?!\\p{L})`, 'u').test(runningText)
      ? `${before} ${line}`
      : `${before}, ${line}`;
  }
  const dangling = /\s[-–—]$/.test(before) ? 'end' : /^[-–—]\s/.test(line) ? 'start' : null;
  if (dangling === null) return `${before} ${line}`;
  const left = before.replace(/\s[-–—]$/, '');
  const right = line.replace(/^[-–—]\s+/, '');
  const previousWord = /(?<!\p{L})(\p{L}+)\P{L}*$/u.exec(left)?.[1] ?? '';
  // A phrase running on across the break ("at the -" / "Rhodes"): the dash is debris.
  if (isStopword(previousWord) || /^\p{Ll}/u.test(right)) return `${left} ${right}`;
  return `${left} - ${right}`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** "The Implementation of the Call for Action 1": a footnote mark after four words or more. */
function withoutFootnoteNumber(text: string): string {
  const m = /^(.*\S)\s+\d{1,2}$/u.exec(text);
  if (!m) return text;
  const words = m[1].split(/\s+/).filter((t) => /\p{L}/u.test(t));
  return words.length >= 4 ? m[1] : text;
}

/**
 * The last numeral read in each numbered series of headings ("silk routes # project" → 2), so that
 * the OCR'd numerals of a series count on: "Silk Routes |", "… Il", "… 1l Project" → I, II, III.
 */
export type NumeralSeries = Map<string, number>;

/** A Roman numeral misread as "|", "Il" or "1l" between two capitalised words. */
const OCR_NUMERAL = /(?<!\p{L})(\p{Lu}\p{L}*)\s+([I1]*[|l][|Il1]*)(?=\s+(\p{Lu}\p{L}*))/gu;
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

function withRomanNumerals(text: string, series: NumeralSeries): string {
  return text.replace(OCR_NUMERAL, (match: string, before: string, token: string, after: string) => {
    if (token.length > 3) return match;
    const key = `${before} # ${after}`.toLowerCase();
    const previous = series.get(key) ?? 0;
    const n = Math.min(Math.max(token.length, previous + 1), ROMAN.length);
    series.set(key, n);
    return `${before} ${ROMAN[n - 1]}`;
  });
}

function recase(word: string, first: boolean, usage: CaseUsage): string {
  const lower = word.toLowerCase();
  const counts = usage.get(lower);
  const capitalised = lower.charAt(0).toUpperCase() + lower.slice(1);
  if (counts && counts.upper > counts.capital + counts.lower) return word;
  if (first) return capitalised;
  if (isStopword(lower) || !counts) return lower;
  return counts.capital > counts.lower ? capitalised : lower;
}

/**
 * Words left out of slugs: articles, prepositions and conjunctions ("A shift in governance with the
 * new Chairmanship" → shift-governance-new-chairmanship). Content words such as "new" stay.
 */
const SLUG_STOPWORDS = new Set(
  (
    'a an the and or nor but of to in on at by for from with without into onto as is are was were be ' +
    'its their this that these those under over between among through during about via per'
  ).split(' '),
);

/** The slug's candidate words: lower-case ASCII words and numbers, function words left out. */
export function slugWords(heading: string): string[] {
  const ascii = heading
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '');
  const words = ascii.match(/[a-z0-9]+/g) ?? [];
  const content = words.filter((w) => !SLUG_STOPWORDS.has(w));
  return content.length > 0 ? content : words;
}

/** The heading's slug: its first `maxWords` words after function words are dropped, joined by "-". */
export function slugify(heading: string, maxWords = 6): string {
  return slugWords(heading).slice(0, maxWords).join('-');
}

/**
 * A slug not in `used`: the heading's first six content words; on a clash, more of its words (its
 * year, its distinguishing tail) while it has any; failing that a letter suffix ("phase-1-b",
 * "phase-1-c"), which cannot be mistaken for the "-<k>" paragraph number that follows.
 */
export function uniqueSlug(heading: string, used: ReadonlySet<string>, fallback = 'section'): string {
  const words = slugWords(heading);
  const base = words.slice(0, 6).join('-') || fallback;
  if (!used.has(base)) return base;
  for (let n = 7; n <= words.length; n++) {
    const longer = words.slice(0, n).join('-');
    if (!used.has(longer)) return longer;
  }
  for (let i = 1; ; i++) {
    const slug = `${base}-${letterSuffix(i)}`;
    if (!used.has(slug)) return slug;
  }
}

/** 1 → "b", 2 → "c", … 25 → "z", 26 → "ba": the first copy is the bare slug, so "a" is never used. */
function letterSuffix(i: number): string {
  let n = i;
  let out = '';
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  } while (n > 0);
  return out;
}
