/**
 * @module ingest/normalise/text
 * Text normalisation for parsing: page bookkeeping, whitespace and line-break hyphenation. The folded
 * form quotes are checked with is core/text/fold.ts.
 */

/** A document's pages joined into one string, with the offset at which each page begins. */
export interface PagedText {
  text: string;
  /** `pageStarts[i]` is the offset in `text` where page i + 1 begins; page 1 begins at 0. */
  pageStarts: number[];
}

// A blank line between pages keeps a page break from silently gluing two paragraphs together;
// parsers re-join sentences that run across it.
const PAGE_SEPARATOR = '\n\n';

export function joinPages(pages: string[]): PagedText {
  const pageStarts: number[] = [];
  let text = '';
  (pages.length > 0 ? pages : ['']).forEach((page, i) => {
    if (i > 0) text += PAGE_SEPARATOR;
    pageStarts.push(text.length);
    text += page.replace(/\r\n?/g, '\n');
  });
  return { text, pageStarts };
}

/** The 1-based page on which `offset` of `paged.text` lies. */
export function pageAt(paged: PagedText, offset: number): number {
  const starts = paged.pageStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export { collapseWhitespace } from '../../core/text/fold.js';

// A letter-hyphen at a line end, then (possibly blank) lines, then the rest of the word.
const BROKEN_WORD = /(?<![\p{L}\p{N}])([\p{L}\p{N}]+)-[ \t]*\n\s*([\p{L}\p{N}]+)/gu;

/**
 * Re-joins words broken across lines: "pro-\nviding" → "providing". The hyphen stays when the
 * `evidence` text (by default the text itself) shows the hyphenated form is the usual one
 * ("co-\noperation" in a text that writes "co-operation"), or when both halves are words of their
 * own there ("state-\nled"). Capitalised or numeric continuations ("Euro-\nMediterranean") keep it.
 */
export function rejoinHyphenation(text: string, evidence: string = text): string {
  return hyphenRejoiner(evidence)(text);
}

/**
 * {@link rejoinHyphenation} with the evidence judged once: parsers clean many spans of one
 * document against that whole document.
 */
export function hyphenRejoiner(evidence: string): (text: string) => string {
  const memo = new Map<string, boolean>();
  const keep = (head: string, tail: string): boolean => {
    const key = `${head}-${tail}`.toLowerCase();
    let decision = memo.get(key);
    if (decision === undefined) {
      decision = keepHyphen(evidence, head, tail);
      memo.set(key, decision);
    }
    return decision;
  };
  return (text) =>
    text.replace(BROKEN_WORD, (_m, head: string, tail: string) =>
      keep(head, tail) ? `${head}-${tail}` : `${head}${tail}`,
    );
}

function keepHyphen(evidence: string, head: string, tail: string): boolean {
  if (!/^\p{Ll}/u.test(tail) || /\p{N}$/u.test(head)) return true;
  const hyphenated = countWord(evidence, `${head}-${tail}`);
  const joined = countWord(evidence, `${head}${tail}`);
  if (hyphenated !== joined) return hyphenated > joined;
  return head.length >= 3 && tail.length >= 3 && countWord(evidence, head) > 0 && countWord(evidence, tail) > 0;
}

function countWord(haystack: string, word: string): number {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Occurrences broken at a line end ("state-\nled") are not evidence for either half.
  const re = new RegExp(`(?<![\\p{L}\\p{N}]|-\\s*)${escaped}(?![\\p{L}\\p{N}]|-)`, 'giu');
  return haystack.match(re)?.length ?? 0;
}
