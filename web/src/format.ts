/**
 * @module web/src/format
 * Pure text logic behind the page: naming documents and citations compactly, locating a quote inside a unit
 * for highlighting, links, dates, and the messages people see. No DOM here, so all of it is unit-tested in
 * Node.
 */
import type { AnswerMode, ChatReply, Citation, DocNaming } from './types.js';

/** What the page says, word for word, when the server declines (grounded: false). */
export const DECLINE_MESSAGE = 'The documents do not appear to address this question.';

function yearOf(date: string | null | undefined): string | null {
  const m = date ? /^(\d{4})/.exec(date) : null;
  return m ? m[1] : null;
}

// "Prague 1997 Recommendations" → "Prague 1997": a place-like lead followed by a year. Requiring letters
// before the year keeps a title such as "2019 Call for Action" from shrinking to a bare "2019".
const PLACE_YEAR_PREFIX = /^(\p{L}[\p{L}\s.'’-]*?\s(?:1[89]|20)\d{2})(?!\d)/u;
// "… (Prague, 1997)" at the end of a full title.
const TITLE_PLACE_YEAR = /\(([\p{L}\s.'’-]+),\s*((?:1[89]|20)\d{2})\)\s*$/u;

/** The year a document is known by: its `year`, else the year of its date. */
export function docYear(doc: Pick<DocNaming, 'date' | 'year'>): string | null {
  return doc.year ? String(doc.year) : yearOf(doc.date);
}

/**
 * The compact name a chip shows: "Prague 1997", "Vienna 2005", "Call for Action 2019". Prefers what the
 * shortTitle already leads with, then place + year, then the shortTitle with its year; without document
 * metadata it falls back to the full title's "(Place, Year)" or the title/id.
 */
export function compactDocName(doc: DocNaming | undefined, fallbackTitle = '', fallbackId = ''): string {
  if (doc) {
    const short = doc.shortTitle.trim();
    const lead = PLACE_YEAR_PREFIX.exec(short);
    if (lead) return lead[1].trim();
    const year = docYear(doc);
    if (doc.place && year) return `${doc.place} ${year}`;
    // "Budapest Process at 30" ends in a number already: its year goes in brackets so the two do not run on.
    if (short && year && !short.includes(year)) return /\d$/.test(short) ? `${short} (${year})` : `${short} ${year}`;
    if (short) return short;
  }
  const title = (doc?.title ?? fallbackTitle).trim();
  const py = TITLE_PLACE_YEAR.exec(title);
  if (py) return `${py[1].trim()} ${py[2]}`;
  return title || doc?.id || fallbackId;
}

function findDoc(docs: readonly DocNaming[], id: string): DocNaming | undefined {
  return docs.find((d) => d.id === id);
}

// How unit labels shorten on a chip; the chip's accessible name keeps the label in full.
const LABEL_ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  [/\bRecommendation\b/g, 'Rec.'],
  [/\bConsideration\b/g, 'Consid.'],
  [/\b[Pp]aragraph\b/g, 'para.'],
  [/\bPriority Goal\b/g, 'PG'],
  [/\bPreamble\b/g, 'Pre.'],
];
/** A label longer than this (a heading-named paragraph) is cut at a word, keeping its last part. */
const CHIP_LABEL_MAX = 34;

/** "Recommendation 18" → "Rec. 18"; "<a long heading>, paragraph 2" → "<its first words>…, para. 2". */
export function shortLabel(label: string): string {
  let short = label.trim();
  for (const [pattern, abbreviation] of LABEL_ABBREVIATIONS) short = short.replace(pattern, abbreviation);
  if (short.length <= CHIP_LABEL_MAX) return short;
  const comma = short.lastIndexOf(', ');
  const tail = comma > 0 ? short.slice(comma) : '';
  const head = short.slice(0, short.length - tail.length);
  const room = Math.max(12, CHIP_LABEL_MAX - tail.length);
  const cut = head.slice(0, room);
  const space = cut.lastIndexOf(' ');
  return `${(space > room * 0.5 ? cut.slice(0, space) : cut).replace(/(?<![\s,;:–-])[\s,;:–-]+$/, '')}…${tail}`;
}

/** The chip text: "Prague 1997 · Rec. 18". */
export function chipLabel(citation: Citation, docs: readonly DocNaming[]): string {
  const name = compactDocName(findDoc(docs, citation.documentId), citation.documentTitle, citation.documentId);
  const label = shortLabel(citation.label);
  return label ? `${name} · ${label}` : name;
}

/** What a chip is called for assistive technology: the citation in full, "Prague 1997 Recommendations (14 Oct 1997), Recommendation 18". */
export function citationName(citation: Citation, docs: readonly DocNaming[]): string {
  if (citation.reference.trim()) return citation.reference.trim();
  const where = [docShortTitle(docs, citation.documentId, citation.documentTitle), citation.label.trim()];
  return where.filter(Boolean).join(', ');
}

/** The document's readable short title ("Prague 1997 Recommendations"), or its full title when unknown. */
export function docShortTitle(docs: readonly DocNaming[], documentId: string, documentTitle: string): string {
  return findDoc(docs, documentId)?.shortTitle.trim() || documentTitle || documentId;
}

/** Collapses runs of whitespace (the units keep the source's line breaks) for one-line display. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** True when a declined answer's own text already says the documents do not cover the question. */
export function mentionsDecline(answer: string): boolean {
  return /do(?:es)? not (?:appear to )?(?:address|cover)|don['’]t (?:appear to )?(?:address|cover)/i.test(answer);
}

/**
 * How a declined reply opens: its own first sentence when that says what is silent ("The Prague 2009 Joint
 * Declaration does not appear to address this question."), else the standard message; and the rest of the
 * answer to show below it, if any (a reply that says why, such as a unit that does not exist).
 */
export function declineParts(answer: string): { lead: string; extra: string | null } {
  const text = answer.trim();
  if (!text) return { lead: DECLINE_MESSAGE, extra: null };
  if (!mentionsDecline(text)) return { lead: DECLINE_MESSAGE, extra: text };
  const lead = text.match(/^.*?[.!?](?=\s|$)/)?.[0] ?? text;
  const rest = text.slice(lead.length).trim();
  // "The closest passages are listed below…" introduces the closest matches, which have their own heading;
  // anything else ("The Prague 1997 Recommendations address it: …") is said below the lead.
  return { lead, extra: rest && !/^The closest passages are listed below\b/.test(rest) ? rest : null };
}

// Characters that vary between a quote and its source without changing the words: typographic quotes and
// dashes. Each folds to exactly one character so indexes stay aligned with the original text.
const FOLD: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '‐': '-',
  '‑': '-',
  '–': '-',
  '—': '-',
};

function foldChar(ch: string, caseless: boolean): string {
  const f = FOLD[ch] ?? ch;
  if (!caseless) return f;
  const lower = f.toLowerCase();
  return lower.length === 1 ? lower : f;
}

/** The text with whitespace runs collapsed to one space and soft hyphens dropped, plus where each char came from. */
function normalise(text: string, caseless: boolean): { chars: string; from: number[] } {
  let chars = '';
  const from: number[] = [];
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\u00ad') continue;
    if (/\s/.test(ch)) {
      if (!inSpace && chars.length) {
        chars += ' ';
        from.push(i);
      }
      inSpace = true;
      continue;
    }
    inSpace = false;
    chars += foldChar(ch, caseless);
    from.push(i);
  }
  if (chars.endsWith(' ')) {
    chars = chars.slice(0, -1);
    from.pop();
  }
  return { chars, from };
}

export interface TextRange {
  start: number;
  end: number;
}

function locate(text: string, quote: string, caseless: boolean): TextRange | null {
  const q = normalise(quote, caseless).chars;
  if (!q) return null;
  const t = normalise(text, caseless);
  const i = t.chars.indexOf(q);
  if (i < 0) return null;
  return { start: t.from[i], end: t.from[i + q.length - 1] + 1 };
}

/**
 * Where `quote` sits in `unitText` as [start, end) offsets of the original text, or null. Tolerates
 * differences in whitespace (line breaks, double spaces), typographic quotes/dashes and, failing an exact
 * match, letter case. A quote shortened with an ellipsis is matched from its first to its last fragment.
 */
export function findQuoteRange(unitText: string, quote: string): TextRange | null {
  if (!quote.trim()) return null;
  const direct = locate(unitText, quote, false) ?? locate(unitText, quote, true);
  if (direct) return direct;
  const fragments = quote
    .split(/\.\.\.|…/)
    .map((f) => f.trim())
    .filter((f) => f.length >= 3);
  if (fragments.length < 2) return null;
  const first = locate(unitText, fragments[0], true);
  if (!first) return null;
  const rest = locate(unitText.slice(first.end), fragments[fragments.length - 1], true);
  return rest ? { start: first.start, end: first.end + rest.end } : null;
}

/**
 * Links come from the server, so they are untrusted: only same-site paths ("/documents/…") pass. Anything
 * else — "javascript:", "//evil.example", "data:" — becomes a link to the document list instead.
 */
export function safeHref(url: string): string {
  const trimmed = url.trim();
  const hasControl = [...trimmed].some((ch) => ch.charCodeAt(0) < 0x20);
  return /^\/(?![/\\])/.test(trimmed) && !hasControl ? trimmed : '/documents';
}

/** The link "open in document" follows: the citation's url with the quote carried in `?q=` for highlighting. */
export function citationHref(citation: Pick<Citation, 'url' | 'quote'>): string {
  const url = safeHref(citation.url);
  const quote = collapseWhitespace(citation.quote);
  if (!quote) return url;
  const hashAt = url.indexOf('#');
  const base = hashAt < 0 ? url : url.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : url.slice(hashAt);
  return `${base}${base.includes('?') ? '&' : '?'}q=${encodeURIComponent(quote)}${hash}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "1997-10-14" → "14 October 1997"; partial dates ("1997", "1997-10") as far as they go; null → "". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return iso;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!month) return m[1];
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

/** "14 October 1997", or the year alone ("2019") for a document known only by its year; "" when neither. */
export function docDateLabel(doc: Pick<DocNaming, 'date' | 'year'>): string {
  return doc.date ? formatDate(doc.date) : doc.year ? String(doc.year) : '';
}

/**
 * Where a document's date comes from when it is not the document itself (`dateSource` is
 * "<document id>: “quoted words”"): that document's short title and the words. null when the document
 * states its own date, or nothing says where it comes from.
 */
export function borrowedDate(
  doc: Pick<DocNaming, 'id'> & { dateSource?: string | null },
  docs: readonly DocNaming[],
): { source: string; words: string } | null {
  const m = /^([^:\s]+):(\S[\s\S]*|\s+\S[\s\S]*)$/.exec(doc.dateSource?.trim() ?? '');
  if (!m || m[1] === doc.id) return null;
  return { source: findDoc(docs, m[1])?.shortTitle.trim() || m[1], words: collapseWhitespace(m[2]) };
}

export function modeLabel(mode: AnswerMode): string {
  return mode === 'llm' ? 'Answered by LLM' : 'Answered offline (extractive)';
}

/** What went wrong, in the terms the page needs: HTTP status (0 = no response), the server's code and message. */
export interface FailureInfo {
  status: number;
  code?: string;
  message?: string;
}

/** "llm timed out" → "Llm timed out." — a server message set as a sentence of its own. */
function asSentence(text: string): string {
  const t = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** The sentence shown inline when a question fails. The server's own message is kept where it helps. */
export function describeError(failure: FailureInfo): string {
  const detail = failure.message?.trim();
  switch (failure.status) {
    case 0:
      return failure.code === 'STREAM_CUT'
        ? 'The connection was lost before the answer was complete. Please try again.'
        : 'Could not reach the server. Check your connection and try again.';
    case 400:
      return detail ? `The question could not be processed: ${detail}` : 'The question could not be processed.';
    case 404:
      return 'Not found.';
    case 413:
      return 'The question (with the conversation so far) is too long. Please shorten it.';
    case 429:
      return 'Too many questions in a short time. Please wait a moment and try again.';
    case 503:
      if (failure.code === 'INDEX_NOT_READY')
        return 'The documents are still being prepared. Please try again in a moment.';
      return `The assistant is temporarily unavailable.${detail ? ` ${asSentence(detail)}` : ''} Please try again shortly.`;
    default:
      if (failure.status >= 500) return `The server ran into a problem (${failure.status}). Please try again.`;
      return detail ? `The request failed: ${detail}` : `The request failed (${failure.status}).`;
  }
}

export function pluralUnits(count: number): string {
  return `${count} ${count === 1 ? 'unit' : 'units'}`;
}

/** A finished exchange: what was asked and what came back. */
export interface Exchange {
  question: string;
  reply: ChatReply;
}

/**
 * The `history` sent with a follow-up: the previous questions and answers, oldest first, capped so a long
 * conversation cannot push the request past the server's size limit (the oldest turns matter least).
 */
export function historyFrom(
  exchanges: readonly Exchange[],
  maxExchanges = 6,
  maxAnswerChars = 2000,
): { role: 'user' | 'assistant'; content: string }[] {
  return exchanges.slice(-maxExchanges).flatMap((x) => [
    { role: 'user' as const, content: x.question },
    {
      role: 'assistant' as const,
      // A summary across documents runs to thousands of characters; its opening is what a follow-up refers
      // back to, and six whole ones would pass the server's 64 KB body limit.
      content: clip(x.reply.answer.trim() || (x.reply.grounded ? '' : DECLINE_MESSAGE), maxAnswerChars),
    },
  ]);
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.8 ? cut.slice(0, space) : cut}…`;
}

/** How a unit's `section` joins its heading path. */
export const SECTION_SEPARATOR = ' › ';

/**
 * The headings to print before a unit whose section path is `next`, given the path printed last: the
 * parts from the first one that differs, each with its depth (0 = top level).
 */
export function newSectionHeadings(previous: string, next: string): { depth: number; text: string }[] {
  if (!next || next === previous) return [];
  const before = previous ? previous.split(SECTION_SEPARATOR) : [];
  const after = next.split(SECTION_SEPARATOR);
  let same = 0;
  while (same < before.length && same < after.length && before[same] === after[same]) same++;
  return after.slice(same).map((text, i) => ({ depth: same + i, text }));
}
