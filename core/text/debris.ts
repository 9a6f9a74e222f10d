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

/** Letters either side of digits inside one token, some in lower case ("ERRLFrar2e"): image text, never a word
 * or a number of the prose ("1st", "COVID-19", "2019-2024" have no letter after their digits). An acronym in
 * capitals with a letter read as a digit ("I0M") is still the name. */
const LETTERS_ROUND_DIGITS = /^(?=.*[a-z]).*[A-Za-z]\d+[A-Za-z]/;

function isJunkToken(token: string): boolean {
  if (SYMBOL_SOUP.test(token)) return true;
  const word = token.replace(/[.,;:()'"“”‘’]/g, '');
  if (word.length === 0) return /^[—–-]$/.test(token);
  return word.length <= 2 && !SHORT_WORDS.has(word.toLowerCase()) && !/^\d+$/.test(word);
}

/**
 * A token that is debris by itself: a stray letter ("the o s Reference Group", "Chairmanship c in") or a stray
 * symbol ("India, & = Iran"). Table bars, dashes, quotation marks and list labels ("(a)") are not stray; the
 * words "a" and "I" are words.
 */
const STRAY_TOKEN = /^(?:[b-zB-HJ-Z]|[§&=€+*«»%!~^]+)$/;

/** Image text set in capitals inside running text ("POLISH BORDER GUARD HEADQUARTERS" on a pictured
 * certificate, "A HOW THE BUDAPEST PROCESS Call for Action"): the documents' prose never runs three words in
 * capitals, and their headings are not unit text. */
const CAPITALS_RUN = /\b[A-Z]{2,}(?:\s+[A-Z]{2,}){2,}\b/g;

/**
 * A photo caption read into the running text: place, country, date ("Perth, Austali, 314 My 2004", "Koszalin,
 * Poland, 10 - 11 May 2000"). Prose dates a place with a preposition ("in Perth, Australia, on 3-4 May 2004");
 * a caption sets the date straight after the comma.
 */
const CAPTION = /\b[A-Z][a-z]+, [A-Z][a-z]+, \d[\d\s-]*[A-Z][a-z]{1,8}\.? (?:19|20)\d\d\b\.?/g;

/**
 * The debris spans of a text, in order: any token of symbol soup or of letters round digits, any stray letter or symbol, runs of three or
 * more tokens that are stray letters or dashes ("o — P 3 oo"), runs of words in capitals, and photo captions.
 */
export function debrisSpans(text: string): TextSpan[] {
  const tokens = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
  const spans: TextSpan[] = [];
  let run: typeof tokens = [];
  let stray = false;
  const close = () => {
    if (run.length >= 3 || stray) spans.push({ start: run[0].start, end: run[run.length - 1].end });
    run = [];
    stray = false;
  };
  for (const t of tokens) {
    if (SYMBOL_SOUP.test(t.text) || LETTERS_ROUND_DIGITS.test(t.text)) {
      close();
      spans.push({ start: t.start, end: t.end });
    } else if (STRAY_TOKEN.test(t.text)) {
      run.push(t);
      stray = true;
    } else if (isJunkToken(t.text) || (/^\d{1,2}$/.test(t.text) && run.length > 0)) run.push(t);
    else close();
  }
  close();
  for (const m of text.matchAll(CAPITALS_RUN)) spans.push({ start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(CAPTION)) spans.push({ start: m.index, end: m.index + m[0].length });
  return merged(spans, text);
}

/** The spans in order, those that overlap or only whitespace parts made one. */
function merged(spans: TextSpan[], text: string): TextSpan[] {
  const out: TextSpan[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = out.at(-1);
    if (last && (span.start <= last.end || /^\s*$/.test(text.slice(last.end, span.start))))
      last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}

/** Whether a span of the text overlaps debris. */
export function overlapsDebris(debris: readonly TextSpan[], start: number, end: number): boolean {
  return debris.some((d) => d.start < end && d.end > start);
}
