/**
 * @module server/answer/citation
 * Builds the citations of /api/chat replies. Shared by the LLM and extractive writers so both link and quote
 * units the same way.
 */
import { memoised } from '../../core/memo.js';
import { debrisSpans } from '../../core/text/debris.js';
import { splitSentences, type SentenceSpan } from '../../core/text/sentences.js';
import type { DocumentId, UnitId } from '../../core/types.js';
import type { SearchHit } from '../retrieve/types.js';
import { coverage, type Concept } from '../retrieve/term-stats.js';
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

export interface QuoteOptions {
  /** A span that holds what was asked (an amount, a date…) is chosen over any that does not. */
  holdsAnswer?: (text: string) => boolean;
  /** One sentence only (an answer's opening statement), never widened to its neighbours. */
  single?: boolean;
  /**
   * The question's ideas (its concepts, each met by its own words or a glossary equivalent): a sentence is
   * chosen by how many of them it holds first, the claim's words only breaking ties. Counted word by word, the
   * claim's expansion phrases outweigh the question: "interior ministers" brings "ministerial conference",
   * "conference of ministers"…, and a sentence on another conference outscored the one that answers.
   */
  concepts?: readonly Concept[];
}

/** A sentence of a unit, or a piece of one that OCR debris cut (`cut`). */
export interface CleanSpan extends SentenceSpan {
  cut: boolean;
}

/** Units whose clean spans are kept (see cleanSpans). */
const CLEAN_SPANS_KEPT = 2048;

/**
 * The unit's sentences, with any OCR debris cut out: a sentence broken by debris yields its clean pieces. A pure
 * function of the unit's text that an answer asks for several times per cited unit (quote, opening, counts), so
 * each text's are kept: the store holds corpus text only, never anything of a request.
 */
export const cleanSpans: (unitText: string) => readonly CleanSpan[] = memoised(
  (unitText) => Object.freeze(splitClean(unitText)),
  CLEAN_SPANS_KEPT,
);

/** The unit's first clean sentence (its whole text when it has none): how a unit named by its place in a list is
 * shown. */
export function firstSentence(unitText: string): string {
  return cleanSpans(unitText)[0]?.text ?? unitText;
}

/** Each kept span's content words (spans are kept with their unit text, cleanSpans). */
const wordsOfSpan = new WeakMap<CleanSpan, ReadonlySet<string>>();

function spanWords(span: CleanSpan): ReadonlySet<string> {
  let words = wordsOfSpan.get(span);
  if (!words) wordsOfSpan.set(span, (words = new Set(contentWords(span.text))));
  return words;
}

function splitClean(unitText: string): CleanSpan[] {
  const debris = debrisSpans(unitText);
  const spans = splitSentences(unitText);
  if (debris.length === 0) return spans.map((span) => ({ ...span, cut: false }));
  const out: CleanSpan[] = [];
  for (const span of spans) {
    const pieces: SentenceSpan[] = [];
    let from = span.start;
    for (const d of debris.filter((x) => x.start < span.end && x.end > span.start)) {
      pushPiece(unitText, from, Math.max(from, d.start), pieces);
      from = Math.min(span.end, d.end);
    }
    pushPiece(unitText, from, span.end, pieces);
    const whole = span.text.trim();
    for (const piece of pieces) out.push({ ...piece, cut: piece.text.trim() !== whole });
  }
  return out;
}

const MIN_PIECE_CHARS = 15;
/** Words a clause cannot end on. */
const DANGLING_WORDS = new Set('the a an of and or to in on for by with from at as'.split(' '));

/** The piece without the function words and separators it was left ending on. */
function withoutDanglingEnd(piece: string): string {
  const words = piece.split(' ');
  for (;;) {
    const last = words.at(-1) ?? '';
    let cut = last.length;
    while (cut > 0 && ',;:—–-'.includes(last[cut - 1])) cut--;
    const bare = last.slice(0, cut);
    if (bare !== last) words[words.length - 1] = bare;
    else if (words.length > 1 && (bare === '' || DANGLING_WORDS.has(bare.toLowerCase()))) words.pop();
    else return words.join(' ');
  }
}

function pushPiece(text: string, from: number, to: number, out: SentenceSpan[]): void {
  let s = from;
  let e = to;
  while (s < e && /[\s,;:—–-]/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  // A piece cut short by debris ends where the debris began: "Chaired by Sweden, the o s Reference Group…"
  // keeps "Chaired by Sweden", not a dangling "the".
  if (to < text.length && !/[.!?;:]["”’)]?$/.test(text.slice(s, e)))
    e = s + withoutDanglingEnd(text.slice(s, e)).length;
  if (e - s >= MIN_PIECE_CHARS) out.push({ text: text.slice(s, e), start: s, end: e });
}

/** Less than one shared word: a piece cut short by debris only loses ties. */
const BROKEN_PENALTY = 0.5;

/** How much more one of the question's ideas counts than one word of the claim (QuoteOptions.concepts). */
const IDEA_WEIGHT = 4;

/**
 * The sentence(s) of `unitText` that best support `claim`, as a verbatim substring of `unitText`: the sentence
 * holding most of the question's ideas (QuoteOptions.concepts), then sharing most content words with the claim
 * (tie → the earlier one), widened to adjacent sentences that add
 * claim words it lacks. A sentence that holds the asked-for fact wins over one that does not; OCR debris is
 * never quoted. With nothing in common, the unit's first sentence.
 */
export function bestQuote(unitText: string, claim: string, options: QuoteOptions = {}): string {
  const spans = cleanSpans(unitText);
  if (spans.length === 0) return unitText;
  const wanted = new Set(contentWords(claim));
  const wordsOf = spans.map(spanWords);
  const holds = spans.map((s) => options.holdsAnswer?.(s.text) ?? false);
  const ideas = options.concepts ?? [];
  const held = (words: ReadonlySet<string>) => ideas.reduce((n, c) => n + coverage([c], words), 0);

  let best = 0;
  let bestScore = -1;
  // A piece of a sentence that debris cut ("Both documents built upon the achievements of the 2013 tarve") reads
  // broken: it loses a tie with a whole sentence.
  wordsOf.forEach((words, i) => {
    const score =
      countShared(words, wanted) +
      IDEA_WEIGHT * held(words) +
      (holds[i] ? 1000 : 0) -
      (spans[i].cut ? BROKEN_PENALTY : 0);
    if (score > bestScore) [best, bestScore] = [i, score];
  });

  let from = best;
  let to = best;
  const covered = new Set([...wordsOf[best]].filter((w) => wanted.has(w)));
  // Only sentences that follow on in the text (no debris cut between them) widen a quote.
  const adjacent = (i: number, j: number) => unitText.slice(spans[i].end, spans[j].start).trim() === '';
  const addsWords = (i: number): boolean => [...wordsOf[i]].some((w) => wanted.has(w) && !covered.has(w));
  const take = (i: number): void => wordsOf[i].forEach((w) => wanted.has(w) && covered.add(w));
  while (!options.single && to - from + 1 < MAX_QUOTE_SENTENCES) {
    if (to + 1 < spans.length && adjacent(to, to + 1) && addsWords(to + 1)) take(++to);
    else if (from > 0 && adjacent(from - 1, from) && addsWords(from - 1)) take(--from);
    else break;
  }
  if (from === to && options.holdsAnswer) {
    const clause = answeringClause(unitText, spans[best], wanted, options.holdsAnswer);
    if (clause) return clause;
  }
  return slice(unitText, spans[from], spans[to]);
}

/** A clause after a colon long enough to stand alone, after a lead-in that is a clause of its own ("Thanking:"
 * is the verb of the list that follows, not a preamble to it). */
const MIN_CLAUSE_CHARS = 25;
const MIN_LEAD_WORDS = 4;

/**
 * "Thus, the envisaged readjustment will not affect a core principle: The Budapest Process is a state-led
 * dialogue." — the clause a colon introduces, when it alone holds what was asked (the lead-in does not) and every
 * asked word the whole sentence holds: the rest is preamble to the answer.
 */
function answeringClause(
  text: string,
  span: SentenceSpan,
  wanted: ReadonlySet<string>,
  holdsAnswer: (text: string) => boolean,
): string | null {
  const sentence = text.slice(span.start, span.end);
  const colon = /:\s+(?=[A-Z])/.exec(sentence);
  if (!colon) return null;
  const lead = sentence.slice(0, colon.index);
  const clause = sentence.slice(colon.index + colon[0].length);
  if (lead.split(/\s+/).length < MIN_LEAD_WORDS || clause.length < MIN_CLAUSE_CHARS) return null;
  if (!holdsAnswer(clause) || holdsAnswer(lead)) return null;
  const clauseWords = new Set(contentWords(clause));
  return contentWords(sentence).every((w) => !wanted.has(w) || clauseWords.has(w)) ? clause : null;
}

function countShared(words: ReadonlySet<string>, wanted: ReadonlySet<string>): number {
  let n = 0;
  for (const w of words) if (wanted.has(w)) n++;
  return n;
}

function slice(text: string, first: SentenceSpan, last: SentenceSpan): string {
  return text.slice(first.start, last.end);
}
