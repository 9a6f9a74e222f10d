/**
 * @module core/text/fold
 * A folded form of text for "does this quote occur in the source" checks, shared by ingest's tests, the
 * answerer's quote checks and /api/verify.
 */

// What a person retyping a quote writes plainly: straight quotes for curly ones, "..." for "…", two letters
// for a ligature (PDF text keeps "ﬁ"). Dashes are folded away below with the hyphens.
const TYPOGRAPHIC: Record<string, string> = {
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201A': "'", // ‚
  '\u201B': "'", // ‛
  '\u2032': "'", // ′
  '\u201C': '"', // “
  '\u201D': '"', // ”
  '\u201E': '"', // „
  '\u201F': '"', // ‟
  '\u2033': '"', // ″
  '\u2026': '...', // …
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};
const TYPOGRAPHIC_CHARS = new RegExp(`[${Object.keys(TYPOGRAPHIC).join('')}]`, 'g');

/**
 * A comparison form insensitive to whitespace, line breaks, hyphens and dashes (so a quote matches whether
 * a line-break hyphen was kept, dropped or re-joined, and "24–25" matches "24-25"), and to typographic
 * variants (curly or straight quotes, "…" or "...", ligatures). Case and all other characters are kept:
 * quotes must match verbatim.
 */
export function foldForCompare(s: string): string {
  return s
    .normalize('NFC')
    .replace(TYPOGRAPHIC_CHARS, (c) => TYPOGRAPHIC[c])
    .replace(/[\s\u00AD\u2010-\u2015\u2212-]+/g, '');
}

export function containsFolded(haystack: string, needle: string): boolean {
  return foldForCompare(haystack).includes(foldForCompare(needle));
}

/** Runs of whitespace as one space, trimmed: how a passage reads on one line. */
export function collapseWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
