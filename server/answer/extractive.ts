/**
 * @module server/answer/extractive
 * The offline answer: built deterministically from the cited units' own sentences. It names each document
 * and unit, quotes the sentences that best match the question, cites each with [n], and groups documents
 * in date order so a question spanning years reads as a before-and-after.
 */
import type { DocumentMeta } from '../../core/types.js';
import { unitUrl } from './citation.js';
import { bestQuote, toCitation } from './citation.js';
import { expandQuery } from '../retrieve/glossary.js';
import type { SearchHit } from '../retrieve/types.js';
import type { ChatReply, ClosestMatch } from './types.js';

export const DECLINE_MESSAGE =
  'The documents do not appear to address this question. The closest passages are listed below as closest matches, not as an answer.';

// Long quotes make an answer unreadable; the citation carries the whole unit anyway.
const MAX_QUOTE_CHARS = 420;

function trimQuote(quote: string): string {
  if (quote.length <= MAX_QUOTE_CHARS) return quote;
  const cut = quote.lastIndexOf(' ', MAX_QUOTE_CHARS);
  return quote.slice(0, cut > 200 ? cut : MAX_QUOTE_CHARS);
}

function byDate(a: DocumentMeta, b: DocumentMeta): number {
  if (a.date && b.date) return a.date.localeCompare(b.date);
  if (a.date) return -1;
  if (b.date) return 1;
  return 0;
}

const COUNT_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

function countWord(n: number): string {
  return COUNT_WORDS[n] ?? String(n);
}

function yearOf(meta: DocumentMeta): string | null {
  return meta.date ? meta.date.slice(0, 4) : null;
}

export function writeExtractiveAnswer(question: string, cited: SearchHit[]): Pick<ChatReply, 'answer' | 'citations'> {
  const claim = [question, ...expandQuery(question).phrases].join(' ');
  const groups = new Map<string, SearchHit[]>();
  for (const hit of cited) {
    const list = groups.get(hit.unit.documentId) ?? [];
    list.push(hit);
    groups.set(hit.unit.documentId, list);
  }
  const ordered = [...groups.values()].sort((a, b) => byDate(a[0].document, b[0].document));
  const spansYears = ordered.length > 1;

  const paragraphs: string[] = [];
  const citations: ChatReply['citations'] = [];
  const cite = (hit: SearchHit): string => {
    const quote = trimQuote(bestQuote(hit.unit.text, claim));
    const n = citations.length + 1;
    citations.push(toCitation(n, hit, quote));
    const ellipsis = quote.length < hit.unit.text.length && !/[.;:!?]$/.test(quote) ? ' …' : '';
    return `“${quote}${ellipsis}” [${n}]`;
  };
  for (const hits of ordered) {
    const meta = hits[0].document;
    const year = yearOf(meta);
    // "In 1997, the Prague 1997 Recommendations …" reads as a timeline when an answer spans documents.
    const subject = spansYears && year ? `In ${year}, the ${meta.shortTitle}` : `The ${meta.shortTitle}`;
    const verb = spansYears && year ? 'addressed' : /s$/.test(meta.shortTitle) ? 'address' : 'addresses';
    if (hits.length === 1) {
      paragraphs.push(`${subject} ${verb} this in ${hits[0].unit.label}: ${cite(hits[0])}`);
      continue;
    }
    const lines = hits.map((h) => `- ${h.unit.label}: ${cite(h)}`);
    paragraphs.push([`${subject} ${verb} this in ${countWord(hits.length)} passages:`, ...lines].join('\n'));
  }
  return { answer: paragraphs.join('\n\n'), citations };
}

export function closestMatches(hits: SearchHit[], limit = 3): ClosestMatch[] {
  return hits.slice(0, limit).map((h) => ({
    id: h.unit.id,
    documentId: h.unit.documentId,
    documentTitle: h.document.title,
    label: h.unit.label,
    text: h.unit.text,
    url: unitUrl(h.unit.documentId, h.unit.id),
    score: Number(h.score.toFixed(4)),
  }));
}
