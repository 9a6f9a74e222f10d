/**
 * @module server/answer/write/inline-list
 * "What are the six priority goals?": a document often lists the answer inside one sentence — "Its six priority
 * goals below were agreed upon: promote legal migration and mobility; prevent and counteract irregular
 * migration…; …" — rather than as units of its own. When a cited unit holds such a list, introduced by words
 * naming what was asked and with as many items as the question says, its items are the answer, each verbatim.
 */
import { ownHeading } from '../../../core/section.js';
import { debrisSpans, overlapsDebris, type TextSpan } from '../../../core/text/debris.js';
import { analyse } from '../../../core/text/terms.js';
import { askedCount } from '../../plan/asked-count.js';
import type { QueryPlan } from '../../plan/types.js';
import { coverage } from '../../retrieve/term-stats.js';
import type { SearchHit } from '../../retrieve/types.js';

export interface InlineList {
  hit: SearchHit;
  /** The words before the colon (or the dash) that say what is listed. */
  lead: string;
  /** What the lead ends with in the text: ":" before a list, or nothing before a list set between dashes. */
  leadEnd: ':' | '';
  /** The items, each a verbatim span of the unit's text. */
  items: string[];
  /** The verbatim span from the lead to the last item: the citation's quote. */
  quote: string;
  /** Other cited units that list what was asked too, in the order given. */
  alternatives: SearchHit[];
}

/** The words just before the colon cover at least this share of the question's concepts. */
const MIN_LEAD_COVERAGE = 0.5;
/** How many of the lead's last words must name what is listed ("…focused on six priority areas:"): what a long
 * sentence names earlier ("Based on five guiding commitments - …") is not what follows its colon. */
const LEAD_WORDS = 10;
const MIN_ITEMS = 3;
const ANAPHORIC_LEAD = /^(?:they|these|those|it|this|such)\b/i;
// Stray numbering and OCR letters before an item ("1. 2. v 16 promote…"), which are not part of it.
const ITEM_DEBRIS = /^(?:(?:\d{1,3}\.?|[b-hj-z]\.?)\s+)+/i;
const LEADING_NUMBERING = /^(?:\s*(?:\d{1,3}\.?|[b-hj-z]\.?)(?=\s))+/i;
// The list ends at a full stop before a capital (a new sentence) or at the end of the text.
const LIST_END = /\.(?=\s+[A-Z]|\s*$)/;

interface Span {
  start: number;
  end: number;
}

/** The items of the list after `colon`, as spans of `text`: split at semicolons, or at commas when it has none. */
function itemSpans(text: string, from: number, to: number, minWords = 2): Span[] {
  const region = text.slice(from, to);
  const separator = region.includes(';') ? ';' : ',';
  const spans: Span[] = [];
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i < to && text[i] !== separator) continue;
    let s = start;
    let e = i;
    const raw = text.slice(s, e);
    const debris = ITEM_DEBRIS.exec(raw.trimStart());
    s += raw.length - raw.trimStart().length + (debris ? debris[0].length : 0);
    const lead = /^(?:and|or)\s+/i.exec(text.slice(s, e));
    if (lead) s += lead[0].length;
    while (e > s && /[\s.,;]/.test(text[e - 1])) e--;
    if (text.slice(s, e).split(/\s+/).length >= minWords) spans.push({ start: s, end: e });
    start = i + 1;
  }
  return spans;
}

/**
 * Comma items in parallel ("to prevent …, to promote readmission, voluntary return and sustainable
 * reintegration, to address …"): when most items open with one word, an item that does not is the rest of the
 * one before it.
 */
function joinParallel(text: string, spans: Span[]): Span[] {
  const opener = (sp: Span) => /^\w+/.exec(text.slice(sp.start, sp.end))?.[0].toLowerCase() ?? '';
  const counts = new Map<string, number>();
  for (const sp of spans) counts.set(opener(sp), (counts.get(opener(sp)) ?? 0) + 1);
  const [common, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (n < MIN_ITEMS || n === spans.length || opener(spans[0]) !== common) return spans;
  const joined: Span[] = [];
  for (const sp of spans) {
    const previous = joined.at(-1);
    if (previous && opener(sp) !== common) previous.end = sp.end;
    else joined.push({ ...sp });
  }
  return joined;
}

function splitLastAtAnd(text: string, spans: Span[]): void {
  const last = spans[spans.length - 1];
  const at = text.slice(last.start, last.end).lastIndexOf(' and ');
  if (at < 0) return;
  const first = { start: last.start, end: last.start + at };
  const second = { start: last.start + at + ' and '.length, end: last.end };
  const words = (s: Span) => text.slice(s.start, s.end).split(/\s+/).length;
  if (words(first) >= 2 && words(second) >= 2) spans.splice(spans.length - 1, 1, first, second);
}

/** "WG 1: …", "Priority Goal 2: …": a label numbered in sequence, then its item. */
const NUMBERED_LABEL = /\b([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)?) (\d{1,2}):\s*/g;

/**
 * Items that each open with a label numbered in sequence (1, 2, 3…), as bullets set in running text are read:
 * "are: e WG 1: Law Enforcement Cooperation … - co-chaired by Bulgaria and Iraq. This Working Group includes …;
 * e WG 2: Return and Reintegration - co-chaired by …; e WG 3: …". Each item is its label and what follows, up to
 * its sentence's end, a semicolon or the next label; stray bullets are not part of it.
 */
function labelledSpans(text: string, from: number): Span[] {
  const labels = [...text.slice(from).matchAll(NUMBERED_LABEL)].map((m) => ({
    start: from + m.index,
    prefix: m[1],
    n: Number(m[2]),
  }));
  const first = labels.findIndex((l) => l.n === 1);
  if (first < 0) return [];
  const run = [labels[first]];
  for (const l of labels.slice(first + 1)) if (l.prefix === run[0].prefix && l.n === run.length + 1) run.push(l);
  if (run.length < MIN_ITEMS) return [];
  return run.map((l, i) => {
    const limit = i + 1 < run.length ? run[i + 1].start : text.length;
    const rest = text.slice(l.start, limit);
    const stop = /\.(?=\s+[A-Z])|;|\.\s*$/.exec(rest);
    let end = l.start + (stop ? stop.index : rest.length);
    while (end > l.start && /[\s.,;]/.test(text[end - 1])) end--;
    // A stray bullet letter before the next label ("…; e WG 2") belongs to no item.
    if (end - l.start > 2 && /[a-z]/.test(text[end - 1]) && /\s/.test(text[end - 2])) {
      end -= 1;
      while (end > l.start && /\s/.test(text[end - 1])) end--;
    }
    return { start: l.start, end };
  });
}

/** A dash set between spaces, as prose sets off an aside or a list ("five guiding commitments - partnership, …,
 * and knowledge - the plan focused on"). */
const SPACED_DASH = / [-–—] /g;

/**
 * Where lists may open in a text: at each colon, and, when the question says how many items it wants, at a
 * spaced dash that another closes within the sentence; with its end for a dash.
 */
function listOpeners(text: string, counted: boolean): { at: number; closeAt: number | null }[] {
  const openers: { at: number; closeAt: number | null }[] = [];
  for (let at = text.indexOf(':'); at >= 0; at = text.indexOf(':', at + 1)) openers.push({ at, closeAt: null });
  if (counted) {
    const dashes = [...text.matchAll(SPACED_DASH)].map((m) => m.index + 1);
    for (let i = 0; i + 1 < dashes.length; i++) {
      const between = text.slice(dashes[i] + 1, dashes[i + 1]);
      if (!/\.\s+[A-Z]/.test(between) && between.includes(',')) openers.push({ at: dashes[i], closeAt: dashes[i + 1] });
    }
  }
  return openers.sort((a, b) => a.at - b.at);
}

/** Where the lead (its words as split, whatever spaces the text has between them) starts before the colon. */
function startOf(text: string, colon: number, lead: string): number {
  let at = colon;
  for (const word of lead.replace(/^…/, '').split(' ').reverse()) at = Math.max(0, text.lastIndexOf(word, at - 1));
  return at;
}

/** The cited unit whose list is introduced by words naming most of what was asked (the best-ranked on a tie). */
export function findInlineList(cited: readonly SearchHit[], plan: QueryPlan): InlineList | null {
  if (plan.intent !== 'enumeration' || plan.reading.concepts.length === 0) return null;
  const count = askedCount(plan.question);
  const asked = new Set(analyse(plan.reading.topic));
  // Ties on concepts (an equivalent counts) go to the lead that uses more of the question's own words.
  const literal = (lead: string) => analyse(lead).filter((t) => asked.has(t)).length / Math.max(1, asked.size);
  let best: { list: Omit<InlineList, 'alternatives'>; naming: number } | null = null;
  const listing: SearchHit[] = [];
  // The best-named lead of any colon, listed in a form read here or not: a list under weaker words is not the
  // answer when a better-named one exists ("Three new working groups were also established:" is not "the three
  // thematic working groups are:").
  let bestNaming = 0;
  for (const hit of cited) {
    const text = hit.unit.text;
    let debris: TextSpan[] | undefined;
    for (const { at: colon, closeAt } of listOpeners(text, count !== null)) {
      const stop = text.lastIndexOf('. ', colon);
      const sentenceStart = stop >= 0 ? stop + 2 : 0;
      const words = text.slice(sentenceStart, colon).trim().split(/\s+/);
      const lead = words.length > LEAD_WORDS ? `…${words.slice(-LEAD_WORDS).join(' ')}` : words.join(' ');
      // "They will address the following objectives:": what "they" are is named at the start of the sentence
      // before, which counts towards naming what is listed (the lead shown stays the listing sentence).
      let named = lead;
      if (stop >= 0 && ANAPHORIC_LEAD.test(lead)) {
        const before = text.lastIndexOf('. ', stop - 1);
        const antecedent = text
          .slice(before >= 0 ? before + 2 : 0, stop + 1)
          .trim()
          .split(/\s+/);
        if (antecedent.length <= LEAD_WORDS * 2) named = `${antecedent.join(' ')} ${lead}`;
      }
      // The unit's heading says what its sentences are about: "Its six priority goals below were agreed upon:"
      // under "The 2013 Ministerial Conference and the Silk Routes Partnership" names the 2013 goals.
      const heading = ownHeading(hit.unit.section);
      const naming = coverage(plan.reading.concepts, new Set(analyse(`${heading} ${named}`))) + literal(named) / 100;
      if (naming < MIN_LEAD_COVERAGE) continue;
      bestNaming = Math.max(bestNaming, naming);
      // Leading numbering ("1. 2.") is blanked so that its full stops do not end the list.
      const rest = text.slice(colon + 1).replace(LEADING_NUMBERING, (m) => ' '.repeat(m.length));
      const end = closeAt ?? colon + 1 + (LIST_END.exec(rest)?.index ?? rest.length);
      // Between dashes a list is short and counted: one word may be an item ("partnership, human rights, …").
      let spans = joinParallel(text, itemSpans(text, colon + 1, end, closeAt === null ? 2 : 1));
      const labelled = labelledSpans(text, colon + 1);
      if (labelled.length > spans.length && (count === null || labelled.length === count)) spans = labelled;
      // "a, b, c and d": the last comma item holds two when the count says one is missing.
      if (count !== null && spans.length === count - 1) splitLastAtAnd(text, spans);
      if (count !== null ? spans.length !== count : spans.length < MIN_ITEMS) continue;
      if (!listing.includes(hit)) listing.push(hit);
      if (best !== null && naming <= best.naming) continue;
      // Stray numbering read as letters between the lead and the items ("agreed upon: 1. 2. v 16 promote…")
      // is debris a quote must not hold: the quote then starts at the first item.
      const leadStart = startOf(text, colon, lead);
      debris ??= debrisSpans(text);
      const quoteStart = overlapsDebris(debris, leadStart, spans[0].start) ? spans[0].start : leadStart;
      // Image text between items ("(COLEP) TA??E{E%…" after the first working group) must not be quoted either:
      // then the quote is the lead alone, or, where the lead holds debris too, the items up to the debris.
      const last = spans[spans.length - 1];
      const through = spans.filter((sp) => !overlapsDebris(debris!, quoteStart, sp.end)).at(-1);
      const [quoteFrom, quoteEnd] =
        through === last
          ? [quoteStart, last.end]
          : !overlapsDebris(debris, leadStart, colon + 1)
            ? [leadStart, colon + 1]
            : [quoteStart, (through ?? spans[0]).end];
      best = {
        naming,
        list: {
          hit,
          lead,
          leadEnd: closeAt === null ? ':' : '',
          items: spans.map((sp) => text.slice(sp.start, sp.end)),
          quote: text.slice(quoteFrom, quoteEnd),
        },
      };
    }
  }
  if (best === null || best.naming < bestNaming) return null;
  const chosen = best.list.hit;
  return { ...best.list, alternatives: listing.filter((h) => h !== chosen) };
}
