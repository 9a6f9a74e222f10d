/**
 * @module server/answer/write/new-phrases
 * What a later document's passages say that earlier ones do not, as the later text's own phrases ("national
 * and regional strategies", "reintegration of victims of trafficking") rather than loose rare words
 * ("periodically", "referral"), which read as noise. A phrase is a run of content words, joined at most by a
 * connective ("of", "and", "for", "in", "to"), unbroken by punctuation, holding a word no earlier passage uses.
 */
import { foldText, toTerm } from '../../../core/text/terms.js';

const WORD = /[\p{L}\p{N}]+/gu;
const CONNECTIVES = new Set(['of', 'and', 'for', 'in', 'to']);
/** Longest phrase, in words: a phrase is quoted inside a sentence. */
const MAX_WORDS = 6;

interface Token {
  start: number;
  end: number;
  /** The content term, or null for a connective. */
  term: string | null;
}

/** Runs of content words (with inner connectives) not broken by punctuation. */
function runsOf(text: string): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  let lastEnd = -1;
  const close = () => {
    while (run.length > 0 && run[run.length - 1].term === null) run.pop();
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    const word = m[0];
    const gap = lastEnd >= 0 ? text.slice(lastEnd, start) : ' ';
    // Only spaces, or the hyphen of a compound ("first-line"), join words into one phrase.
    if (gap !== '-' && /\S/.test(gap)) close();
    lastEnd = start + word.length;
    const lower = foldText(word);
    const term = /\d/.test(word) ? null : toTerm(lower);
    if (term !== null && word.length >= 3) run.push({ start, end: lastEnd, term });
    else if (CONNECTIVES.has(lower) && run.length > 0 && run[run.length - 1].term !== null)
      run.push({ start, end: lastEnd, term: null });
    else close();
  }
  close();
  return runs;
}

/** The best stretch of a run: at most MAX_WORDS words, starting and ending on a content word. */
function bestWindow(run: Token[], weight: (t: Token) => number): Token[] {
  let best = run.slice(0, 1);
  let bestWeight = -1;
  for (let i = 0; i < run.length; i++) {
    if (run[i].term === null) continue;
    let sum = 0;
    for (let j = i; j < Math.min(run.length, i + MAX_WORDS); j++) {
      sum += weight(run[j]);
      if (run[j].term === null) continue;
      // Longer only when it adds weight: "strategies" alone beats "strategies and policies" of equal news.
      if (sum > bestWeight + 1e-9) {
        bestWeight = sum;
        best = run.slice(i, j + 1);
      }
    }
  }
  return best;
}

/**
 * Phrases of `later` holding terms that none of `earlier` uses, most telling first (by the IDF of their new
 * terms); each new term is reported once, and a phrase has at least two content words.
 */
export function newPhrases(
  later: string,
  earlier: readonly string[],
  idf: (term: string) => number,
  max = 3,
): string[] {
  const before = new Set<string>();
  for (const text of earlier) for (const run of runsOf(text)) for (const t of run) if (t.term) before.add(t.term);
  const isNew = (t: Token) => t.term !== null && !before.has(t.term);
  const weight = (t: Token) => (isNew(t) ? idf(t.term as string) : 0);
  const candidates = runsOf(later)
    .filter((run) => run.some(isNew))
    .map((run) => bestWindow(run, weight))
    .filter((w) => w.filter((t) => t.term !== null).length >= 2 && w.some(isNew))
    .map((w) => ({ tokens: w, weight: w.reduce((s, t) => s + weight(t), 0) }))
    .sort((a, b) => b.weight - a.weight);
  const reported = new Set<string>();
  const out: string[] = [];
  for (const c of candidates) {
    if (out.length >= max) break;
    const fresh = c.tokens.filter(isNew).map((t) => t.term as string);
    if (fresh.every((t) => reported.has(t))) continue;
    for (const t of fresh) reported.add(t);
    out.push(later.slice(c.tokens[0].start, c.tokens[c.tokens.length - 1].end));
  }
  return out;
}
