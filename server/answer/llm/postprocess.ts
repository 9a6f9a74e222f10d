/**
 * @module server/answer/llm/postprocess
 * Turns the model's raw text into a reply the user can trust: markers are checked against the passages that
 * were actually given, renumbered by first appearance, quoted verbatim and checked for support; quotes and
 * named units are checked against the cited units (./claims), and what fails is flagged, its citations
 * marked invalid.
 */
import { splitSentences } from '../../../core/text/sentences.js';
import type { UnitId } from '../../../core/types.js';
import type { SearchHit } from '../../retrieve/types.js';
import { bestQuote, toCitation } from '../citation.js';
import { contentWords, SUPPORT_THRESHOLD, supportScoreIn } from '../support.js';
import type { AnswerFlag, Citation } from '../types.js';
import { checkClaims, type CitedUnit } from './claims.js';
import type { NumberedPassage } from './passages.js';

export interface FinalisedAnswer {
  answer: string;
  citations: Citation[];
  grounded: boolean;
  /** The flagged sentences, each once, in answer order. */
  unsupported: string[];
  flags: AnswerFlag[];
}

// "[1]", "[1, 2]", "[1;2]", "[1-3]"; "[1][2]" is two matches. Leading spaces are taken so a dropped marker
// does not leave "sanctions ." behind; the look-behind starts them only where a run of spaces starts, which
// keeps 100,000 spaces before a "[" from costing 100,000 scans of the run.
const MARKER = /(?<![ \t])([ \t]*)\[\s*(\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*)\s*\]/g;
const MARKER_ONLY = /\[(\d+)\]/g;
const MAX_RANGE = 20;

/**
 * Finalises an LLM answer against the passages it was given. A marker naming no given passage is removed
 * (it is the model inventing, or obeying an injected instruction); citations are numbered in order of first
 * appearance and the markers rewritten to match, as single "[n]" markers.
 */
export function finaliseLlmAnswer(raw: string, passages: NumberedPassage[]): FinalisedAnswer {
  const { answer, hits } = rewriteMarkers(raw.replace(/\r\n?/g, '\n').trim(), passages);
  const sentences = citingSentences(answer);

  // The words of each set of cited units once, not once per sentence: a reply of many short sentences citing
  // the same unit would otherwise re-analyse its text for each.
  const wordsOf = new Map<string, Set<string>>();
  const supportWords = (cites: number[]): Set<string> => {
    const key = cites.join(',');
    let words = wordsOf.get(key);
    if (!words) {
      words = new Set(contentWords(cites.map((n) => supportText(hits[n - 1])).join('\n')));
      wordsOf.set(key, words);
    }
    return words;
  };
  const checked = sentences.map((s) => ({
    text: s.text,
    cites: s.cites,
    weak: s.cites.length > 0 && supportScoreIn(s.claim, supportWords(s.cites)) < SUPPORT_THRESHOLD,
  }));
  const cited = new Map<number, CitedUnit>(
    hits.map((hit, i) => [
      i + 1,
      {
        unit: hit.unit,
        name: `${hit.unit.label} of the ${hit.document.shortTitle}`,
        titles: [hit.unit.label, hit.document.title, hit.document.shortTitle],
      },
    ]),
  );
  const { flags, problems, flagged } = checkClaims(answer, checked, cited);

  const citations = hits.map((hit, i) => {
    const n = i + 1;
    const claims = sentences.filter((s) => s.cites.includes(n)).map((s) => s.claim);
    const citation = toCitation(n, hit, bestQuote(hit.unit.text, claims.join(' ')));
    const failed = problems.get(n);
    return failed ? { ...citation, valid: false, problem: failed.join(' ') } : citation;
  });

  const unsupported = [...new Set(sentences.filter((_, i) => flagged.has(i)).map((s) => s.text))];

  return { answer, citations, grounded: citations.length > 0, unsupported, flags };
}

/** Rewrites every marker group to the new numbering; returns the hits in new-number order. */
function rewriteMarkers(text: string, passages: NumberedPassage[]): { answer: string; hits: SearchHit[] } {
  const given = new Map(passages.map((p) => [p.n, p.hit]));
  const newNumber = new Map<UnitId, number>();
  const hits: SearchHit[] = [];
  let out = '';
  let last = 0;
  let dropSpaces = false;
  for (const m of text.matchAll(MARKER)) {
    const index = m.index ?? 0;
    out += dropSpaces ? text.slice(last, index).replace(/^[ \t]+/, '') : text.slice(last, index);
    last = index + m[0].length;
    const kept: number[] = [];
    for (const old of expand(m[2])) {
      const hit = given.get(old);
      if (!hit) continue;
      // Two numbers for the same unit become one citation.
      let n = newNumber.get(hit.unit.id);
      if (n === undefined) {
        hits.push(hit);
        n = hits.length;
        newNumber.set(hit.unit.id, n);
      }
      if (!kept.includes(n)) kept.push(n);
    }
    if (kept.length > 0) {
      out += m[1] + kept.map((n) => `[${n}]`).join('');
      dropSpaces = false;
    } else {
      // A marker removed at the start of a line would otherwise leave the line indented by its trailing space.
      dropSpaces = out === '' || out.endsWith('\n');
    }
  }
  out += dropSpaces ? text.slice(last).replace(/^[ \t]+/, '') : text.slice(last);
  return { answer: out.trim(), hits };
}

function expand(group: string): number[] {
  const numbers: number[] = [];
  for (const part of group.split(/[,;]/).map((p) => p.trim())) {
    const range = /^(\d+)\s*[–-]\s*(\d+)$/.exec(part);
    if (!range) {
      numbers.push(Number(part));
      continue;
    }
    const [from, to] = [Number(range[1]), Number(range[2])];
    // "[2-40]" is more likely a typo than forty citations; keep only its ends.
    if (to < from || to - from > MAX_RANGE) numbers.push(from, to);
    else for (let n = from; n <= to; n++) numbers.push(n);
  }
  return numbers;
}

interface AnswerSentence {
  /** As written in the answer, markers included. */
  text: string;
  /** Without markers or list bullets: what is claimed. */
  claim: string;
  cites: number[];
}

/**
 * The answer's sentences with the markers each carries. Lines are split first (lists have no full stops), and
 * markers written after the full stop ("… carriers. [1]") are given back to the sentence they follow.
 */
function citingSentences(answer: string): AnswerSentence[] {
  const out: AnswerSentence[] = [];
  for (const line of answer.split('\n')) {
    const spans = splitSentences(line).map((s) => s.text);
    for (let i = 1; i < spans.length; i++) {
      const lead = /^(?:\[\d+\]\s*)+/.exec(spans[i]);
      if (!lead) continue;
      spans[i - 1] = `${spans[i - 1]} ${lead[0].trim()}`;
      spans[i] = spans[i].slice(lead[0].length);
    }
    for (const text of spans.filter((s) => s.trim())) {
      const cites = [...new Set([...text.matchAll(MARKER_ONLY)].map((m) => Number(m[1])))];
      const claim = text
        .replace(MARKER_ONLY, ' ')
        .replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '')
        .replace(/\s+/g, ' ')
        .trim();
      out.push({ text: text.trim(), claim, cites });
    }
  }
  return out;
}

// Answers name the document and unit ("Recommendation 18 of the Prague Recommendations …"); those words are
// support too, though they are not in the unit text.
function supportText(hit: SearchHit): string {
  const { unit, document } = hit;
  return [document.title, document.shortTitle, unit.label, unit.section, unit.text].join('\n');
}
