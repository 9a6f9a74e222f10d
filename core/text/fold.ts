/**
 * @module core/text/fold
 * A folded form of text for "does this quote occur in the source" checks, shared by ingest's tests, the
 * answerer's quote checks and /api/verify.
 */

/**
 * A comparison form insensitive to whitespace, line breaks and hyphens (so a quote matches whether
 * a line-break hyphen was kept, dropped or re-joined). Case and all other characters are kept:
 * quotes must match verbatim.
 */
export function foldForCompare(s: string): string {
  return s.normalize('NFC').replace(/[\s\u00AD\u2010\u2011-]+/g, '');
}

export function containsFolded(haystack: string, needle: string): boolean {
  return foldForCompare(haystack).includes(foldForCompare(needle));
}
