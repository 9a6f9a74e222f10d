/**
 * @module server/answer/llm/claims
 * Checks what an LLM answer says about its sources beyond its markers, so that a made-up quote or claim is
 * never presented as verified:
 * - every quoted span ("…" or “…”) attached to a marker must occur in the cited unit, folded as /api/verify
 *   folds (whitespace and line-break hyphens ignored; an ellipsis may stand for left-out words);
 * - a sentence that names a unit ("Recommendation 55", "paragraph 12", "action 3 of Priority Goal 4") must
 *   cite that unit;
 * - a cited sentence whose words are mostly not in its cited units is weakly supported.
 * Pure: text and units in, flags and per-citation problems out. Every scan is linear in the answer.
 */
import { foldForCompare } from '../../../core/text/fold.js';
import type { Unit } from '../../../core/types.js';
import { findReferencedUnits, formatReference, parseReferences, type UnitReference } from '../../retrieve/reference.js';
import type { AnswerFlag } from '../types.js';

/** A sentence of the answer with the citation numbers its markers carry. */
export interface CheckedSentence {
  /** As written in the answer, markers included. */
  text: string;
  cites: number[];
  /** The sentence's support by its cited units fell below the threshold. */
  weak: boolean;
}

/** What a citation number stands for in these checks. */
export interface CitedUnit {
  unit: Unit;
  /** "Recommendation 18 of the Prague 1997 Recommendations", for reasons. */
  name: string;
  /** Names a quotation may give instead of quoting the text: the unit's label, the document's titles. */
  titles: string[];
}

export interface ClaimCheck {
  /** In answer order. */
  flags: AnswerFlag[];
  /** Why a citation failed (its number → reasons); a citation absent here passed. */
  problems: Map<number, string[]>;
  /** The indices of the sentences flagged, or holding a flagged quote. */
  flagged: Set<number>;
}

// A span in straight or curly double quotes on one line. The classes exclude the closing mark, so each
// opening mark scans at most to the next one: linear.
const QUOTED = /“([^“”\n]{1,2000})”|"([^"\n]{1,2000})"/g;
// Markers right after a closing quote ("…” [1]", "…”, [2][3]"), in the text that follows it.
const MARKERS_AFTER = /^[\s.,;:!?)]{0,5}((?:\[\d{1,3}\]\s?){1,10})/;
const MARKER_NUMBER = /\[(\d{1,3})\]/g;
// "…", "...", "[…]", "[...]": the quote leaves words out there.
const ELLIPSIS = /\[?(?:…|\.\.\.)\]?/;
const EDGE_PUNCTUATION = new Set([...' \t.,;:!?…()[]\'"‘’“”']);

function trimPunctuation(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && EDGE_PUNCTUATION.has(text[start])) start++;
  while (end > start && EDGE_PUNCTUATION.has(text[end - 1])) end--;
  return text.slice(start, end);
}

/** The folded pieces of a quote between its ellipses, or null when it quotes no words at all. */
function quoteParts(body: string): string[] | null {
  const parts = body
    .split(ELLIPSIS)
    .map((p) => foldForCompare(trimPunctuation(p)))
    .filter((p) => p !== '');
  return parts.some((p) => /[\p{L}\p{N}]/u.test(p)) ? parts : null;
}

/** Whether the parts occur in `folded` in order. */
function occursInOrder(parts: string[], folded: string): boolean {
  let from = 0;
  for (const part of parts) {
    const at = folded.indexOf(part, from);
    if (at === -1) return false;
    from = at + part.length;
  }
  return true;
}

function listNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** Does citing `unit` cover a sentence that names `ref`? A clause covers its points, and a point its clause. */
function covers(ref: UnitReference, unit: Unit): boolean {
  if (findReferencedUnits([ref], [unit], null).length > 0) return true;
  const number = String(unit.number);
  if (ref.kind === 'point' && unit.kind === 'clause') return ref.number.startsWith(`${number}.`);
  if (ref.kind === 'clause' && unit.kind === 'point') return number.startsWith(`${ref.number}.`);
  return false;
}

interface Quote {
  /** The span with its quote marks, as in the answer. */
  text: string;
  body: string;
  start: number;
  end: number;
}

function quotesIn(answer: string): Quote[] {
  return [...answer.matchAll(QUOTED)].map((m) => ({
    text: m[0],
    body: m[1] ?? m[2],
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
}

/** Where each sentence starts in the answer (sentences are in answer order; one not found starts where the last did). */
function sentenceStarts(answer: string, sentences: CheckedSentence[]): number[] {
  let from = 0;
  return sentences.map((s) => {
    const at = answer.indexOf(s.text, from);
    if (at !== -1) from = at;
    return from;
  });
}

/** The citation numbers a quote is attributed to: the markers right after it, else those of its sentence. */
function attributedTo(answer: string, quote: Quote, sentence: CheckedSentence | undefined): number[] {
  const after = MARKERS_AFTER.exec(answer.slice(quote.end, quote.end + 100));
  if (after) return [...after[1].matchAll(MARKER_NUMBER)].map((m) => Number(m[1]));
  return sentence?.cites ?? [];
}

export function checkClaims(answer: string, sentences: CheckedSentence[], cited: Map<number, CitedUnit>): ClaimCheck {
  const found: { at: number; flag: AnswerFlag }[] = [];
  const problems = new Map<number, string[]>();
  const flagged = new Set<number>();
  const problem = (n: number, reason: string) => problems.set(n, [...(problems.get(n) ?? []), reason]);
  const folded = new Map<number, { text: string; titles: string[] }>();
  const foldedUnit = (n: number) => {
    let unit = folded.get(n);
    if (unit === undefined) {
      const c = cited.get(n);
      unit = { text: foldForCompare(c?.unit.text ?? ''), titles: (c?.titles ?? []).map(foldForCompare) };
      folded.set(n, unit);
    }
    return unit;
  };
  // “Recommendation 18” or “the Prague 1997 Recommendations” in quotation marks names the unit; it quotes nothing.
  const inUnit = (parts: string[], n: number): boolean => {
    const unit = foldedUnit(n);
    return occursInOrder(parts, unit.text) || (parts.length === 1 && unit.titles.includes(parts[0]));
  };
  const nameOf = (n: number) => cited.get(n)?.name ?? `[${n}]`;
  const starts = sentenceStarts(answer, sentences);

  let sentenceOfQuote = 0;
  for (const quote of quotesIn(answer)) {
    // The sentence its closing mark is in; quotes come in answer order, so the pointer only moves on.
    while (sentenceOfQuote + 1 < starts.length && starts[sentenceOfQuote + 1] < quote.end) sentenceOfQuote++;
    const targets = attributedTo(answer, quote, sentences[sentenceOfQuote]).filter((n) => cited.has(n));
    const parts = quoteParts(quote.body);
    if (targets.length === 0 || !parts) continue;
    if (targets.some((n) => inUnit(parts, n))) continue;
    const where = listNames(targets.map(nameOf));
    flagged.add(sentenceOfQuote);
    found.push({
      at: quote.end - quote.text.length,
      flag: {
        code: 'QUOTE_NOT_IN_SOURCE',
        text: quote.text,
        reason: `These words are not in ${where}: the quotation could not be verified.`,
        citations: targets,
      },
    });
    // In our own words only: the problem is shown beside sources, where model text is not wanted.
    for (const n of targets) problem(n, 'A quotation attributed to it is not in its text.');
  }

  sentences.forEach((sentence, i) => {
    const at = starts[i];
    // Words inside quotation marks are the source's, not the answer naming a unit.
    const own = sentence.text.replace(QUOTED, ' ');
    const refs = parseReferences(own).filter((r) => r.number !== 'last');
    const units = sentence.cites.flatMap((n) => {
      const c = cited.get(n);
      return c ? [{ n, unit: c.unit }] : [];
    });
    const uncited = refs.filter((ref) => !units.some(({ unit }) => covers(ref, unit)));
    if (uncited.length > 0) {
      flagged.add(i);
      const named = listNames(uncited.map(formatReference));
      const cites = units.length ? `cites ${listNames(units.map(({ n }) => nameOf(n)))}` : 'cites nothing';
      found.push({
        at,
        flag: {
          code: 'UNIT_NOT_CITED',
          text: sentence.text,
          reason: `The sentence names ${named} but ${cites}.`,
          citations: sentence.cites,
        },
      });
      for (const { n, unit } of units) {
        if (!refs.some((ref) => covers(ref, unit))) {
          problem(n, `It is cited for a sentence about ${named}, which it is not.`);
        }
      }
    }
    if (sentence.weak) {
      flagged.add(i);
      found.push({
        at,
        flag: {
          code: 'WEAK_SUPPORT',
          text: sentence.text,
          reason: `Few of the sentence's words are in ${listNames(sentence.cites.map(nameOf))}.`,
          citations: sentence.cites,
        },
      });
    }
  });

  return { flags: found.sort((a, b) => a.at - b.at).map((f) => f.flag), problems, flagged };
}
