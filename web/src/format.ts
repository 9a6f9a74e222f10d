/**
 * @module web/src/format
 * Pure text logic behind the page: splitting an answer into text and citation chips, naming documents and
 * citations compactly, the plain-text form "Copy answer" puts on the clipboard, locating a quote inside a
 * unit for highlighting, and the messages people see. No DOM here, so all of it is unit-tested in Node.
 */
import type { AnswerMode, ChatReply, Citation, DocNaming } from './types.js';

export type AnswerSegment = { type: 'text'; text: string } | { type: 'cite'; n: number; citation: Citation };

/** What the page says, word for word, when the server declines (grounded: false). */
export const DECLINE_MESSAGE = 'The documents do not appear to address this question.';

// "[3]" and grouped forms an LLM may write such as "[1, 2]" or "[1; 4]". Bounded digit runs keep
// years like "[1997]" from ever being read as a marker of citation 1997 (they stay text: no such citation).
const MARKER = /\[(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\]/g;

/**
 * Splits an answer into text runs and citation markers. A marker whose number has no citation stays literal
 * text: the page never invents a chip for a source the server did not return. Everything else — including
 * any markup in the answer — is text, which the page then renders with textContent.
 */
export function segmentAnswer(answer: string, citations: readonly Citation[]): AnswerSegment[] {
  const byN = new Map<number, Citation>();
  for (const c of citations) if (!byN.has(c.n)) byN.set(c.n, c);
  const out: AnswerSegment[] = [];
  const pushText = (text: string): void => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.type === 'text') last.text += text;
    else out.push({ type: 'text', text });
  };
  let at = 0;
  for (const m of answer.matchAll(MARKER)) {
    const index = m.index ?? 0;
    pushText(answer.slice(at, index));
    const numbers = m[1].split(/[,;]/).map(Number);
    if (numbers.every((n) => !byN.has(n))) {
      pushText(m[0]);
    } else {
      for (const n of numbers) {
        const citation = byN.get(n);
        if (citation) out.push({ type: 'cite', n, citation });
        else pushText(`[${n}]`);
      }
    }
    at = index + m[0].length;
  }
  pushText(answer.slice(at));
  return out;
}

function yearOf(date: string | null | undefined): string | null {
  const m = date ? /^(\d{4})/.exec(date) : null;
  return m ? m[1] : null;
}

// "Prague 1997 Recommendations" → "Prague 1997": a place-like lead followed by a year. Requiring letters
// before the year keeps a title such as "2019 Call for Action" from shrinking to a bare "2019".
const PLACE_YEAR_PREFIX = /^(\p{L}[\p{L}\s.'’-]*?\s(?:1[89]|20)\d{2})(?!\d)/u;
// "… (Prague, 1997)" at the end of a full title.
const TITLE_PLACE_YEAR = /\(([\p{L}\s.'’-]+),\s*((?:1[89]|20)\d{2})\)\s*$/u;

/**
 * The compact name a chip shows: "Prague 1997", "Vienna 2005", "Call for Action". Prefers what the
 * shortTitle already leads with, then place + year, then the shortTitle itself; without document metadata
 * it falls back to the full title's "(Place, Year)" or the title/id.
 */
export function compactDocName(doc: DocNaming | undefined, fallbackTitle = '', fallbackId = ''): string {
  if (doc) {
    const short = doc.shortTitle.trim();
    const lead = PLACE_YEAR_PREFIX.exec(short);
    if (lead) return lead[1].trim();
    const year = yearOf(doc.date);
    if (doc.place && year) return `${doc.place} ${year}`;
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

/** The chip text: "Prague 1997 · Recommendation 18". */
export function chipLabel(citation: Citation, docs: readonly DocNaming[]): string {
  const name = compactDocName(findDoc(docs, citation.documentId), citation.documentTitle, citation.documentId);
  const label = citation.label.trim();
  return label ? `${name} · ${label}` : name;
}

/** The document's readable short title ("Prague 1997 Recommendations"), or its full title when unknown. */
export function docShortTitle(docs: readonly DocNaming[], documentId: string, documentTitle: string): string {
  return findDoc(docs, documentId)?.shortTitle.trim() || documentTitle || documentId;
}

/** Collapses runs of whitespace (the units keep the source's line breaks) for one-line display. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * What "Copy answer" puts on the clipboard: the answer as the page shows it, then one line per citation —
 * `[1] Prague 1997 Recommendations, Recommendation 18: "<quote>"` — so the pasted text keeps its sources.
 */
export function answerAsPlainText(reply: ChatReply, docs: readonly DocNaming[] = []): string {
  const parts: string[] = [];
  if (!reply.grounded) {
    parts.push(DECLINE_MESSAGE);
    const extra = reply.answer.trim();
    if (extra && !mentionsDecline(extra)) parts.push(extra);
    const matches = reply.closestMatches ?? [];
    if (matches.length) {
      parts.push(
        [
          'Closest matches:',
          ...matches.map((m) => `- ${m.label}, ${docShortTitle(docs, m.documentId, m.documentTitle)}`),
        ].join('\n'),
      );
    }
    return parts.join('\n\n');
  }
  parts.push(reply.answer.trim());
  const cites = [...reply.citations].sort((a, b) => a.n - b.n);
  if (cites.length) {
    parts.push(
      cites
        .map((c) => {
          const where = [docShortTitle(docs, c.documentId, c.documentTitle), c.label.trim()].filter(Boolean).join(', ');
          return `[${c.n}] ${where}: "${collapseWhitespace(c.quote)}"`;
        })
        .join('\n'),
    );
  }
  return parts.join('\n\n');
}

/** True when a declined answer's own text already says the documents do not cover the question. */
export function mentionsDecline(answer: string): boolean {
  return /do(?:es)? not (?:appear to )?(?:address|cover)|don['’]t (?:appear to )?(?:address|cover)/i.test(answer);
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
): { role: 'user' | 'assistant'; content: string }[] {
  return exchanges.slice(-maxExchanges).flatMap((x) => [
    { role: 'user' as const, content: x.question },
    { role: 'assistant' as const, content: x.reply.answer.trim() || (x.reply.grounded ? '' : DECLINE_MESSAGE) },
  ]);
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
