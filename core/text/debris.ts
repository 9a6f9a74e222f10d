/**
 * @module core/text/debris
 * OCR debris in the brochure's text: image text read as characters ("TA??E{E%{JSD&AIBE%…", "o — P 3 oo",
 * "tarve X s X e"). Unit text keeps it (it is the verbatim source span); quotes and answer sentences skip it.
 */

export interface TextSpan {
  start: number;
  end: number;
}

// Words of one or two letters that are real words, not debris.
const SHORT_WORDS = new Set(
  'a i an as at be by do eu go he if in is it me my no of on or so to un up us we wg th st nd rd ii iv vi'.split(' '),
);

/** A token of symbol soup: two or more characters that words and numbers never hold. */
const SYMBOL_SOUP = /[{}%&#@^~|\\?$][^{}%&#@^~|\\?$]*[{}%&#@^~|\\?$]/;

function isJunkToken(token: string): boolean {
  if (SYMBOL_SOUP.test(token)) return true;
  const word = token.replace(/[.,;:()'"“”‘’]/g, '');
  if (word.length === 0) return /^[—–-]$/.test(token);
  return word.length <= 2 && !SHORT_WORDS.has(word.toLowerCase()) && !/^\d+$/.test(word);
}

/**
 * The debris spans of a text: any token of symbol soup, and runs of three or more tokens that are stray
 * letters or dashes ("o — P 3 oo").
 */
export function debrisSpans(text: string): TextSpan[] {
  const tokens = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
  const spans: TextSpan[] = [];
  let run: typeof tokens = [];
  const close = () => {
    if (run.length >= 3) spans.push({ start: run[0].start, end: run[run.length - 1].end });
    run = [];
  };
  for (const t of tokens) {
    if (SYMBOL_SOUP.test(t.text)) {
      close();
      spans.push({ start: t.start, end: t.end });
    } else if (isJunkToken(t.text) || (/^\d$/.test(t.text) && run.length > 0)) run.push(t);
    else close();
  }
  close();
  return spans;
}

/** Whether a span of the text overlaps debris. */
export function overlapsDebris(debris: readonly TextSpan[], start: number, end: number): boolean {
  return debris.some((d) => d.start < end && d.end > start);
}
