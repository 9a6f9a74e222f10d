/**
 * @module ingest/parse/markers
 * List markers at the start of a line: "12. ", "(f) ". A marker only counts when it continues the
 * expected sequence, which is what separates a paragraph start from a number that merely begins a
 * wrapped line ("…at least\n2 years").
 */
import { endsItem, isBlank, isCapsLine, type Line, previousContent } from './layout.js';

export interface Marker {
  /** The number or letter read; null when OCR damaged it ("/." for "7."). */
  value: number | string | null;
  /** Offset in the line where the item's own text begins. */
  contentOffset: number;
}

// OCR renders some digits as a slash, bar or letter ("/." for "7." or "2.").
const NUMBER_MARKER = /^\s*(\d{1,3}|[/|lI])\.\s+(?=\S)/;
const LETTER_MARKER = /^\s*\(([a-z])\)\s+(?=\S)/;

export function numberMarker(line: Line): Marker | null {
  const m = NUMBER_MARKER.exec(line.text);
  if (!m) return null;
  return { value: /\d/.test(m[1]) ? Number(m[1]) : null, contentOffset: m[0].length };
}

export function letterMarker(line: Line): Marker | null {
  const m = LETTER_MARKER.exec(line.text);
  return m ? { value: m[1], contentOffset: m[0].length } : null;
}

/** The marker on `line` if it is the next in sequence (a damaged number is taken as the expected one). */
export function expectedNumber(line: Line, expected: number): Marker | null {
  const marker = numberMarker(line);
  if (!marker || (marker.value !== null && marker.value !== expected)) return null;
  return { value: expected, contentOffset: marker.contentOffset };
}

export function expectedLetter(line: Line, expected: string): Marker | null {
  const marker = letterMarker(line);
  return marker && marker.value === expected ? marker : null;
}

export function nextLetter(letter: string): string {
  return String.fromCharCode(letter.charCodeAt(0) + 1);
}

/**
 * Whether an item may start at `lines[index]`: the text above must have finished its sentence or
 * list item, or be a heading standing on its own lines.
 */
export function canStartItem(lines: Line[], index: number): boolean {
  const previous = previousContent(lines, index);
  if (!previous || endsItem(previous.text)) return true;
  const separated = index > 0 && isBlank(lines[index - 1]);
  return separated && looksLikeHeadingLine(previous.text);
}

function looksLikeHeadingLine(text: string): boolean {
  const t = text.trim();
  return isCapsLine(t) || (/^[\p{Lu}(]/u.test(t) && t.split(/\s+/).length <= 14 && !/[-,]$/.test(t));
}
