/**
 * @module ingest/guess-metadata
 * Metadata for a corpus file the manifest does not name, guessed from its file name and opening text: a
 * title from its heading or title block, the first date it states and the place named before it. Pure; only
 * what the text states is used — no date or place is invented.
 */
import path from 'node:path';
import type { DocumentMeta } from '../core/types.js';

/** How much of a file's opening text the guesses look at: the title block and first paragraph or two. */
export const HEAD_CHARS = 2000;

const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH = `(${Object.keys(MONTHS).join('|')})\\.?`;
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
// "14-15 October 1997", "27 and 28 April 2009", "3 March 2024"; the range's first day is the date.
const DAY_MONTH_YEAR = new RegExp(
  `\\b${DAY}(?:\\s*(?:[-–—&]|and|to)\\s*\\d{1,2}(?:st|nd|rd|th)?)?\\s+${MONTH},?\\s+(\\d{4})\\b`,
  'giu',
);
// "October 14-15, 1997", "March 3, 2024".
const MONTH_DAY_YEAR = new RegExp(
  `\\b${MONTH}\\s+${DAY}(?:\\s*(?:[-–—&]|and|to)\\s*\\d{1,2})?,?\\s+(\\d{4})\\b`,
  'giu',
);
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'but',
  'by',
  'for',
  'from',
  'in',
  'into',
  'nor',
  'of',
  'on',
  'or',
  'per',
  'the',
  'to',
  'via',
  'vs',
  'with',
]);
// Upper case in ALL CAPS headings that must stay upper case once the heading is title-cased.
const ACRONYMS = new Set([
  'EU',
  'UN',
  'UNHCR',
  'UNODC',
  'UNDP',
  'IOM',
  'ICMPD',
  'OSCE',
  'NGO',
  'NGOS',
  'ILO',
  'OECD',
  'ASEAN',
  'USA',
  'UK',
  'II',
  'III',
  'IV',
  'VI',
  'VII',
  'VIII',
  'IX',
  'XI',
  'XII',
]);
const NOT_PLACES = new Set(['on', 'the', 'of', 'at', 'in', 'and', 'for', 'by', ...Object.keys(MONTHS)]);

const TITLE_MAX = 120;
const SHORT_TITLE_MAX = 60;

/**
 * Metadata for a corpus file the manifest does not name, from its name and opening text. Pure: the caller
 * reads the file. Only what the text states is used — no date or place is invented.
 */
export function metaFromFile(file: string, firstText: string): DocumentMeta {
  const stem = stemOf(file);
  const stemTitle = titleFromStem(stem) || file;
  const head = firstText
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .slice(0, HEAD_CHARS);
  const heading = findTitle(head);
  const title = heading ?? stemTitle;
  const { date, place } = findDateAndPlace(head);
  const dated = yearGuess(date, title, stem);
  const shortTitle = shortTitleFor(title, stem);
  const aliases = uniqueIgnoringCase([title, shortTitle, stemTitle, place && dated ? `${place} ${dated.year}` : null]);
  return {
    id: slugify(stem) || 'document',
    file,
    title,
    shortTitle,
    aliases,
    date,
    ...(dated ? { year: dated.year, dateSource: dated.from } : {}),
    place,
    kind: 'document',
  };
}

/** The year a guessed entry gets, and where it was read: the dated opening, else a year in the title or name. */
function yearGuess(date: string | null, title: string, stem: string): { year: number; from: string } | null {
  if (date) return { year: Number(date.slice(0, 4)), from: 'date in the opening text (guessed)' };
  const inTitle = /\b(?:19|20)\d{2}\b/.exec(title)?.[0];
  if (inTitle) return { year: Number(inTitle), from: 'year in the title (guessed)' };
  const inName = /\b(?:19|20)\d{2}\b/.exec(stem)?.[0];
  return inName ? { year: Number(inName), from: 'year in the file name (guessed)' } : null;
}

export function stemOf(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '');
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents off: "Guía" → "guia"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|(?<!-)-+$/g, '');
}

/** "new-guidelines-2024" → "New Guidelines 2024". */
function titleFromStem(stem: string): string {
  const words = stem.split(/[-_\s.]+/).filter(Boolean);
  return words.map((w, i) => (i > 0 && SMALL_WORDS.has(w.toLowerCase()) ? w.toLowerCase() : capitalise(w))).join(' ');
}

/** The title when it is short; else the file stem, which people usually pick as a short name. */
export function shortTitleFor(title: string, stem: string): string {
  if (title.length <= SHORT_TITLE_MAX) return title;
  const fromStem = titleFromStem(stem);
  return fromStem && fromStem.length <= SHORT_TITLE_MAX ? fromStem : truncate(title, SHORT_TITLE_MAX);
}

/**
 * The document's title as its opening states it: a Markdown heading, an ALL CAPS title block (several lines
 * joined), or a first line standing alone like a title. Null when the text opens straight into prose.
 */
function findTitle(head: string): string | null {
  const lines = head.split('\n').map((l) => l.trim());
  const nonEmpty = lines.map((l, i) => ({ text: l, i })).filter((l) => l.text !== '');
  const window = nonEmpty.slice(0, 15);

  const md =
    window.find((l) => /^#\s+\S/.test(l.text)) ??
    (nonEmpty[0] && /^#{1,6}\s+\S/.test(nonEmpty[0].text) ? nonEmpty[0] : undefined);
  if (md)
    return cleanTitle(
      md.text
        .replace(/^#{1,6}\s+/, '')
        .replace(/(?<!\s)\s+#+$/, '')
        .replace(/^[*_]+|(?<![*_])[*_]+$/g, ''),
    );

  // A title block at the very top wins; failing that, a first line standing alone like a title; failing
  // that, an ALL CAPS heading a little further down (publications often open with a blurb).
  const first = nonEmpty[0];
  if (first && isAllCaps(first.text)) return capsBlock(window, 0);
  if (first && looksLikeTitleLine(first.text) && (lines[first.i + 1] ?? '') === '') return cleanTitle(first.text);
  const capsAt = window.findIndex((l) => isAllCaps(l.text));
  return capsAt === -1 ? null : capsBlock(window, capsAt);
}

/**
 * The ALL CAPS lines from `start` on, joined while the title stays a sensible length: the dateline or
 * "RECOMMENDATIONS" that often follows a long conference name is left out rather than cut in half.
 */
function capsBlock(lines: readonly { text: string }[], start: number): string {
  let raw = lines[start].text;
  for (const line of lines.slice(start + 1)) {
    if (!isAllCaps(line.text) || raw.length + 1 + line.text.length > TITLE_MAX) break;
    raw = `${raw} ${line.text}`;
  }
  // Title-cased as a whole so "of", "on", "the" starting a continuation line stay lower case.
  return cleanTitle(titleCase(raw));
}

function isAllCaps(line: string): boolean {
  const letters = line.replace(/\P{L}/gu, '');
  return letters.length >= 6 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** A short line on its own that does not read like the start of a paragraph, a list item or a sentence. */
function looksLikeTitleLine(line: string): boolean {
  return (
    line.length <= 100 &&
    /^\p{Lu}/u.test(line) &&
    line.split(/\s+/).length >= 2 &&
    !/[.,;:]$/.test(line) &&
    !/^(?:\d+[.)]|\(?[a-z]\)|[-*•–])\s/.test(line)
  );
}

function titleCase(line: string): string {
  return line
    .trim()
    .split(/\s+/)
    .map((word, i) => {
      const bare = word.replace(/\P{L}/gu, '');
      if (ACRONYMS.has(bare)) return word;
      const lower = word.toLowerCase();
      if (i > 0 && SMALL_WORDS.has(lower)) return lower;
      // Capitalise each part of "ANTI-TRAFFICKING" and the word inside "(PRAGUE".
      return lower.replace(/(^|[-–/(“"'‘])(\p{Ll})/gu, (_, lead: string, c: string) => lead + c.toUpperCase());
    })
    .join(' ');
}

function cleanTitle(title: string): string {
  return truncate(
    title
      .replace(/\s+/g, ' ')
      .replace(/(?<![\s,;:])[\s,;:]+$/, '')
      .trim(),
    TITLE_MAX,
  );
}

/**
 * The first full date the text states (a range gives its first day), and the place named just before it
 * ("… in Vienna on 3 March 2024", "IN PRAGUE ON 14-15 OCTOBER 1997", a "Brussels, 3 March 2024" dateline).
 */
function findDateAndPlace(head: string): { date: string | null; place: string | null } {
  const found: { index: number; date: string }[] = [];
  for (const m of head.matchAll(DAY_MONTH_YEAR)) {
    const date = isoFrom(Number(m[3]), MONTHS[m[2].toLowerCase()], Number(m[1]));
    if (date) found.push({ index: m.index, date });
  }
  for (const m of head.matchAll(MONTH_DAY_YEAR)) {
    const date = isoFrom(Number(m[3]), MONTHS[m[1].toLowerCase()], Number(m[2]));
    if (date) found.push({ index: m.index, date });
  }
  for (const m of head.matchAll(ISO_DATE)) {
    const date = isoFrom(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date) found.push({ index: m.index, date });
  }
  if (found.length === 0) return { date: null, place: null };
  const first = found.reduce((a, b) => (b.index < a.index ? b : a));
  return { date: first.date, place: placeBefore(head.slice(Math.max(0, first.index - 80), first.index)) };
}

function placeBefore(before: string): string | null {
  const word = "\\p{Lu}[\\p{L}'’.-]*";
  // Lazy word count so "IN PRAGUE ON" yields "PRAGUE", not "PRAGUE ON"; "in"/"on" matched in either case
  // (title blocks are ALL CAPS) without making the capitalised place pattern case-blind.
  const inPlace = new RegExp(
    `\\b[Ii][Nn]\\s+((?:${word}\\s+){0,2}?${word})(?:\\s*,\\s*|\\s+[Oo][Nn]\\s+(?:[Tt][Hh][Ee]\\s+)?|\\s+)$`,
    'u',
  );
  const dateline = new RegExp(`(?:^|\\n)[ \\t]*((?:${word}[ \\t]+){0,2}?${word})[ \\t]*,[ \\t]*$`, 'u');
  const m = inPlace.exec(before) ?? dateline.exec(before);
  if (!m) return null;
  const words = m[1].split(/\s+/);
  if (words.some((w) => NOT_PLACES.has(w.toLowerCase().replace(/\.$/, '')))) return null;
  const place = words.join(' ');
  return place === place.toUpperCase() ? titleCase(place) : place;
}

function isoFrom(year: number, month: number | undefined, day: number): string | null {
  if (month === undefined || !isCalendarDate(year, month, day)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/(?<![\s,;:])[\s,;:]+$/, '')}…`;
}

function uniqueIgnoringCase(values: (string | null)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    if (!v || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    out.push(v);
  }
  return out;
}
