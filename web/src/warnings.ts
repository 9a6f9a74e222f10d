/**
 * @module web/src/warnings
 * What in an answer must not be read as verified, gathered from the reply: the server's `flags` (a quote
 * not in its source, a unit not cited, weak support, a specific the documents do not state), the
 * `unsupported` sentences no flag already covers, and citations that failed their check (`valid: false`).
 * Also finds a flagged sentence in the text the page shows, which differs from the answer's markdown in
 * markup, markers, punctuation and spacing. Pure, unit-tested in Node.
 */
import type { AnswerFlag, ChatReply, Citation } from './types.js';
import type { TextRange } from './format.js';

export interface AnswerWarning {
  code: AnswerFlag['code'];
  /** The sentence or span as it appears in the answer. */
  text: string;
  /** Why, in plain words. */
  reason: string;
  /** The [n] markers concerned. */
  citations: number[];
}

const DEFAULT_REASONS: Record<AnswerFlag['code'], string> = {
  QUOTE_NOT_IN_SOURCE: 'The quoted words are not in the cited passage.',
  UNIT_NOT_CITED: 'This names a passage that is not among the citations.',
  WEAK_SUPPORT: 'The cited passages do not clearly support this.',
  SPECIFIC_NOT_STATED: 'The documents do not state what was asked.',
};

/** A short name for each kind of warning, shown before its reason. */
export const WARNING_TITLES: Record<AnswerFlag['code'], string> = {
  QUOTE_NOT_IN_SOURCE: 'Quote not in source',
  UNIT_NOT_CITED: 'Passage not cited',
  WEAK_SUPPORT: 'Weak support',
  SPECIFIC_NOT_STATED: 'Not stated in the documents',
};

const MARKERS = /\[\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*\]/g;

function markersOf(text: string): number[] {
  const numbers = [...text.matchAll(MARKERS)].flatMap((m) => (m[0].match(/\d+/g) ?? []).map(Number));
  return [...new Set(numbers)];
}

/** Every warning of a reply, flags first; an `unsupported` sentence already flagged is not repeated. */
export function answerWarnings(reply: Pick<ChatReply, 'flags' | 'unsupported'>): AnswerWarning[] {
  const warnings: AnswerWarning[] = (reply.flags ?? [])
    .filter((f) => f.text.trim())
    .map((f) => ({
      code: f.code,
      text: f.text,
      reason: f.reason.trim() || DEFAULT_REASONS[f.code],
      citations: f.citations,
    }));
  const seen = new Set(warnings.map((w) => skeleton(w.text).chars));
  for (const sentence of reply.unsupported ?? []) {
    const key = skeleton(sentence).chars;
    if (!key || seen.has(key)) continue;
    seen.add(key);
    warnings.push({
      code: 'WEAK_SUPPORT',
      text: sentence,
      reason: DEFAULT_REASONS.WEAK_SUPPORT,
      citations: markersOf(sentence),
    });
  }
  return warnings;
}

/** Why a citation failed its check, or null when it passed. */
export function citationProblem(citation: Citation & { problem?: string }): string | null {
  if (citation.valid) return null;
  return citation.problem?.trim() || 'This citation could not be verified against the documents.';
}

/** The letters and digits of a text, lower-cased, with where each came from in the text. */
function skeleton(text: string): { chars: string; from: number[] } {
  let chars = '';
  const from: number[] = [];
  let i = 0;
  for (const ch of text) {
    if (/[\p{L}\p{N}]/u.test(ch)) {
      const lower = ch.toLowerCase();
      chars += lower.length === ch.length ? lower : ch;
      for (let k = 0; k < ch.length; k++) from.push(i);
    }
    i += ch.length;
  }
  return { chars, from };
}

/** A flagged span as the page shows it: no markers, list bullets or heading marks. */
function shownForm(text: string): string {
  return text.replace(MARKERS, ' ').replace(/^[ \t]*(?:[-*+]|\d+[.)]|#{1,6})[ \t]+/gm, '');
}

/** Skeletons shorter than this match too much by chance to be trusted. */
const MIN_SKELETON = 6;

/**
 * Where `span` (as written in the answer's markdown) sits in `shown` (the text the page shows, chips left
 * out), comparing letters and digits only: [start, end) offsets in `shown`, or null.
 */
export function locateShown(shown: string, span: string): TextRange | null {
  const needle = skeleton(shownForm(span)).chars;
  if (needle.length < MIN_SKELETON) return null;
  const hay = skeleton(shown);
  const at = hay.chars.indexOf(needle);
  if (at < 0) return null;
  return { start: hay.from[at], end: hay.from[at + needle.length - 1] + 1 };
}
