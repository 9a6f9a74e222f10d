/**
 * @module server/answer/citation
 * Builds the citations of /api/chat replies. Shared by the LLM and extractive writers so both link and quote
 * units the same way.
 */
import { splitSentences, type SentenceSpan } from '../../core/text/sentences.js';
import type { DocumentId, UnitId } from '../../core/types.js';
import type { SearchHit } from '../retrieve/types.js';
import { citationReference } from './reference.js';
import { contentWords } from './support.js';
import type { Citation } from './types.js';

// A quote grows past its best sentence only to take in neighbours that add claim words, and never beyond this.
const MAX_QUOTE_SENTENCES = 3;

/** Link into the document view: `/documents/prague-1997#rec-18` for unit `prague-1997:rec-18`. */
export function unitUrl(documentId: DocumentId, unitId: UnitId): string {
  const colon = unitId.indexOf(':');
  const anchor = colon === -1 ? unitId : unitId.slice(colon + 1);
  return `/documents/${encodeURIComponent(documentId)}#${encodeURIComponent(anchor)}`;
}

/** A citation of a retrieved unit. `quote` must be a verbatim substring of the unit text (see bestQuote). */
export function toCitation(n: number, hit: SearchHit, quote: string): Citation {
  const { unit, document } = hit;
  return {
    n,
    id: unit.id,
    documentId: unit.documentId,
    documentTitle: document.title,
    label: unit.label,
    section: unit.section,
    quote,
    text: unit.text,
    page: unit.page,
    url: unitUrl(unit.documentId, unit.id),
    reference: citationReference(document, unit),
    valid: true,
  };
}

/**
 * The sentence(s) of `unitText` that best support `claim`, as a verbatim substring of `unitText`: the sentence
 * sharing most content words with the claim (tie → the earlier one), widened to adjacent sentences that add
 * claim words it lacks. With nothing in common, the unit's first sentence.
 */
export function bestQuote(unitText: string, claim: string): string {
  const spans = splitSentences(unitText);
  if (spans.length === 0) return unitText;
  const wanted = new Set(contentWords(claim));
  const wordsOf = spans.map((s) => new Set(contentWords(s.text)));

  let best = 0;
  let bestCount = -1;
  wordsOf.forEach((words, i) => {
    const count = countShared(words, wanted);
    if (count > bestCount) [best, bestCount] = [i, count];
  });

  let from = best;
  let to = best;
  const covered = new Set([...wordsOf[best]].filter((w) => wanted.has(w)));
  const addsWords = (i: number): boolean => [...wordsOf[i]].some((w) => wanted.has(w) && !covered.has(w));
  const take = (i: number): void => wordsOf[i].forEach((w) => wanted.has(w) && covered.add(w));
  while (to - from + 1 < MAX_QUOTE_SENTENCES) {
    if (to + 1 < spans.length && addsWords(to + 1)) take(++to);
    else if (from > 0 && addsWords(from - 1)) take(--from);
    else break;
  }
  return slice(unitText, spans[from], spans[to]);
}

function countShared(words: Set<string>, wanted: Set<string>): number {
  let n = 0;
  for (const w of words) if (wanted.has(w)) n++;
  return n;
}

function slice(text: string, first: SentenceSpan, last: SentenceSpan): string {
  return text.slice(first.start, last.end);
}
