/**
 * @module core/text/sentences
 * Splits text into sentences as exact spans, so that a sentence is always a verbatim substring
 * (quotes shown to users are built from these spans).
 */

export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

// Abbreviations whose trailing period does not end a sentence in these texts.
const ABBREVIATIONS = new Set([
  'i.a',
  'e.g',
  'i.e',
  'etc',
  'no',
  'nos',
  'art',
  'arts',
  'para',
  'paras',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'vs',
  'cf',
  'u.s',
  'u.k',
  'e.u',
  'inter alia',
  'approx',
  'incl',
  'vol',
  'p',
  'pp',
  'ibid',
  'fig',
  'co',
  'ltd',
  'jr',
  'sr',
]);

function endsWithAbbreviation(text: string, periodIndex: number): boolean {
  const before = text.slice(Math.max(0, periodIndex - 12), periodIndex);
  // The trailing run of letters and dots, from its first letter (what /([A-Za-z][A-Za-z.]*)$/ finds).
  const tail = /(?<![a-z.])[a-z.]+$/i.exec(before)?.[0].replace(/^\.+/, '') ?? '';
  if (!tail) return /\d$/.test(before) && /(?:^|\s)\d{1,2}$/.test(before); // "1." list numbers
  const word = tail.toLowerCase();
  if (ABBREVIATIONS.has(word)) return true;
  // Single capital letters are initials ("J. Smith") or list letters.
  return /^[a-z]$/i.test(word);
}

/**
 * Sentence spans of `text`, split at . ! ? (and at ';' with `clauses`: long recommendations are one
 * sentence of semicolon-separated clauses). A full stop is no boundary after an abbreviation or a
 * list number, nor when the next word starts in lower case.
 */
export function splitSentences(text: string, options: { clauses?: boolean } = {}): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const boundary = options.clauses ? /[.!?;]["'”’)]*(?=\s|$)/g : /[.!?]["'”’)]*(?=\s|$)/g;
  let start = 0;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const punct = m.index;
    const end = m.index + m[0].length;
    const next = /^\s+(\S)/.exec(text.slice(end))?.[1];
    if (text[punct] === '.' && endsWithAbbreviation(text, punct) && !endsListWithEtc(text, punct, next)) continue;
    if (text[punct] !== ';' && next !== undefined && /\p{Ll}/u.test(next)) continue;
    pushSpan(text, start, end, spans);
    start = end;
  }
  pushSpan(text, start, text.length, spans);
  return spans;
}

// "…victims, etc. The Chair…": "etc." closes its sentence when a capitalised word follows.
function endsListWithEtc(text: string, periodIndex: number, next: string | undefined): boolean {
  return (
    /\betc$/i.test(text.slice(Math.max(0, periodIndex - 4), periodIndex)) && next !== undefined && /\p{Lu}/u.test(next)
  );
}

function pushSpan(text: string, from: number, to: number, out: SentenceSpan[]): void {
  let s = from;
  let e = to;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
}
