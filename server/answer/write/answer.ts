/**
 * @module server/answer/write/answer
 * The offline answer, written by what the question asks for. Every grounded answer opens with a plain
 * statement built from the best unit's own sentence, with its marker; then, by intent: supporting passages
 * (a lookup), a section per document in date order (a summary or timeline), a table and what changed (a
 * comparison), or a numbered list (an enumeration). Answers are markdown; quotes stay verbatim in their units.
 */
import { documentYear } from '../../../core/document-date.js';
import { headingYear } from '../../../core/section.js';
import type { DocumentId, DocumentMeta } from '../../../core/types.js';
import { askedSpecific } from '../../plan/answer-kind.js';
import type { QueryPlan } from '../../plan/types.js';
import type { SearchHit } from '../../retrieve/types.js';
import { bestQuote, toCitation, type QuoteOptions } from '../citation.js';
import { isMotivating, operativeFirst } from '../operative-first.js';
import type { ChatReply, Citation } from '../types.js';
import { capFairly } from './fair-cap.js';
import { findInlineList, type InlineList } from './inline-list.js';
import { headedItems, sharedHeading, type HeadedItem } from './headed-items.js';
import { newPhrases } from './new-phrases.js';
import { definesSubject, overviewOpening, overviewSubject } from './overview-subject.js';
import { documentName, plainStatement, tidySentence } from './statement.js';

export interface WriteInput {
  plan: QueryPlan;
  /** Units to cite, best first. */
  cited: readonly SearchHit[];
  /** What quotes are chosen to support: the question and its expansions. */
  claim: string;
  /** Share of the question's concepts the best unit holds (evidence.coverage), for a yes/no. */
  coverage: number;
  /** Every document of the corpus, to name those that say nothing when several were asked about. */
  documents: readonly DocumentMeta[];
  /** The corpus's subject terms ("budapest", "process"; answer/inventory.ts), which name no one document. */
  corpusSubject: ReadonlySet<string>;
  /** How rare a term is (the index's idf), to tell what a later document adds. */
  idf: (term: string) => number;
  /** Share of the question's concepts a unit holds (by id); ranks a document's points for a comparison. */
  holds?: (unitId: string) => number;
}

/** A summary cites at most this many units, then names the rest by id. */
export const MAX_SUMMARY_UNITS = 12;
/**
 * A yes/no question is answered "Yes." when the best unit holds this share of its concepts (the evidence
 * check's coverage, where words no unit can meet weigh little). Questions put in everyday words ("can they take
 * the smugglers' cars off them?") seldom reach 0.75 against the documents' wording ("confiscation of means of
 * transport"): at 0.75, 44 of 68 grounded yes/no answers on dev, fresh-train and fresh3 opened with "The
 * documents do not say so in those words", nearly all of them questions the documents answer yes. Below 0.5 the
 * best unit misses most of what was asked, and the answer says so.
 */
const YES_COVERAGE = 0.5;
/** Passages shown after a list the documents give in one sentence. */
const MAX_ALSO_RELEVANT = 3;
/** A comparison's table keeps each document's few best points, each short enough to read across. */
const COMPARISON_POINTS = 3;
const COMPARISON_CHARS = 200;

/** A document's name without its leading article ("Prague 1997 Recommendations"), capitalised to open a sentence. */
const bareName = (meta: DocumentMeta, opensSentence = false) =>
  documentName(meta).replace(/^the /, opensSentence ? 'The ' : '');

const byDate = (a: DocumentMeta, b: DocumentMeta) => (documentYear(a) ?? 9999) - (documentYear(b) ?? 9999);

/** Hits grouped by document, documents in date order, units in reading order within each. */
function byDocument(hits: readonly SearchHit[]): SearchHit[][] {
  const groups = new Map<DocumentId, SearchHit[]>();
  for (const h of hits) groups.set(h.unit.documentId, [...(groups.get(h.unit.documentId) ?? []), h]);
  return [...groups.values()]
    .map((g) => g.sort((a, b) => a.unit.order - b.unit.order))
    .sort((a, b) => byDate(a[0].document, b[0].document));
}

class Citations {
  readonly list: Citation[] = [];
  private readonly quotes = new Map<string, { n: number; quote: string }>();
  constructor(
    private readonly claim: string,
    private readonly options: QuoteOptions,
  ) {}

  /** The unit's marker, citing it on first use with the quote given (a verbatim span of the unit). */
  citeSpan(hit: SearchHit, quote: string): number {
    return (this.quotes.get(hit.unit.id) ?? this.add(hit, quote)).n;
  }

  /** The unit's marker and quote, citing it on first use (with `single`, its one best sentence). */
  cite(hit: SearchHit, single = false): { n: number; quote: string } {
    return (
      this.quotes.get(hit.unit.id) ?? this.add(hit, bestQuote(hit.unit.text, this.claim, { ...this.options, single }))
    );
  }

  private add(hit: SearchHit, quote: string): { n: number; quote: string } {
    const entry = { n: this.list.length + 1, quote };
    this.list.push(toCitation(entry.n, hit, quote));
    this.quotes.set(hit.unit.id, entry);
    return entry;
  }
}

function quoteOptions(plan: QueryPlan, cited: readonly SearchHit[], corpusSubject: ReadonlySet<string>): QuoteOptions {
  const { concepts } = plan.reading;
  const specific = askedSpecific(plan.answerKind, plan.question, plan.reading.topic);
  if (specific) return { holdsAnswer: specific, concepts };
  if (plan.intent === 'overview') {
    const subject = overviewSubject(plan, cited, corpusSubject);
    return { holdsAnswer: (text) => definesSubject(text, subject), concepts };
  }
  return { concepts };
}

/** The opening: the best unit's sentence (`top`) as a statement of its document, with its marker. */
function opening(input: WriteInput, citations: Citations, top: SearchHit = openingHit(input)): string {
  const { n, quote } = citations.cite(top, true);
  const statement = withMarker(plainStatement(quote, top.unit, top.document, questionTerms(input.plan)), n);
  if (input.plan.intent !== 'yesno') return statement;
  return input.coverage >= YES_COVERAGE
    ? `Yes. ${statement}`
    : `The documents do not say so in those words; the closest they come: ${statement}`;
}

/** The unit the opening states: the best cited, or for a timeline the earliest document's best. */
function openingHit(input: WriteInput): SearchHit {
  const { intent } = input.plan;
  const first =
    intent === 'timeline'
      ? (byDocument(input.cited)[0]?.reduce((a, b) => (b.score > a.score ? b : a)) ?? input.cited[0])
      : intent === 'overview'
        ? (overviewOpening(input.cited, overviewSubject(input.plan, input.cited, input.corpusSubject)) ??
          input.cited[0])
        : input.cited[0];
  // What a document commits to opens before what motivates it (operative-first.ts).
  return input.holds ? operativeFirst([first, ...input.cited.filter((h) => h !== first)], input.holds)[0] : first;
}

/** The question's own terms and their glossary equivalents: what a cut sentence must not lose. */
function questionTerms(plan: QueryPlan): Set<string> {
  return new Set(plan.reading.concepts.flatMap((c) => [...c.terms, ...c.equivalents.flat()]));
}

/** A sentence with its marker before the full stop ("… costs [1].", "… the routes … [2]"). */
export function withMarker(sentence: string, n: number): string {
  if (sentence.endsWith('…')) return `${sentence} [${n}]`;
  return sentence.replace(/[.!?]?$/, (end) => ` [${n}]${end || '.'}`);
}

/** A unit as a bullet or table cell: its label and its sentence, with its marker. */
function point(hit: SearchHit, citations: Citations, maxChars?: number): string {
  const { n, quote } = citations.cite(hit);
  return `${hit.unit.label}: ${withMarker(tidySentence(quote, maxChars), n)}`;
}

/** Documents the question asked about that say nothing on it. */
function silentDocuments(input: WriteInput): string | null {
  const asked = input.plan.scope ?? (input.plan.acrossDocuments ? input.documents.map((d) => d.id) : []);
  if (asked.length < 2) return null;
  const heard = new Set(input.cited.map((h) => h.unit.documentId));
  const silent = input.documents.filter((d) => asked.includes(d.id) && !heard.has(d.id)).sort(byDate);
  if (silent.length === 0) return null;
  // "The Prague 1997 Recommendations, the Vienna 2005 … and the Call for Action (2019)": one sentence, one capital.
  const names = silent.map((d, i) => (i === 0 ? bareName(d, true) : documentName(d)));
  const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${listed} ${silent.length === 1 ? 'has' : 'have'} no passage on this.`;
}

/** Further passages, one bullet each: document, unit and quote, with its marker. */
function alsoRelevant(hits: readonly SearchHit[], citations: Citations): string {
  const lines = hits.map((h) => {
    const { n, quote } = citations.cite(h);
    return `- ${bareName(h.document)}, ${h.unit.label}: “${quote}” [${n}]`;
  });
  return ['Also relevant:', ...lines].join('\n');
}

function lookup(input: WriteInput, citations: Citations): string {
  const opened = openingHit(input);
  const parts = [opening(input, citations, opened)];
  // Not the unit the opening already states, whichever of the cited it is (operative-first.ts).
  const rest = input.cited.filter((h) => h !== opened);
  if (rest.length > 0) parts.push(alsoRelevant(rest, citations));
  return parts.join('\n\n');
}

function summary(input: WriteInput, citations: Citations): string {
  const { shown, more } = capFairly(input.cited, MAX_SUMMARY_UNITS);
  const parts = [opening(input, citations)];
  for (const group of byDocument(shown)) {
    const heading = bareName(group[0].document);
    parts.push([`**${heading}**`, ...group.map((h) => `- ${point(h, citations)}`)].join('\n'));
  }
  if (more.length > 0) parts.push(`And ${more.length} more: ${more.map((h) => h.unit.id).join(', ')}.`);
  const silent = silentDocuments(input);
  if (silent) parts.push(silent);
  return parts.join('\n\n');
}

/** Points holding within this share of the question of each other hold it alike: a recital listing seven areas
 * that names "return" and "policies" is not a better point on return policy than the recommendation on it. */
const HELD_BAND = 0.15;

/** A document's best points for a comparison's cell — most of the question held (in bands), what the text
 * commits to before what motivates it, then best ranked — in reading order. */
function bestPoints(group: readonly SearchHit[], input: WriteInput): SearchHit[] {
  const rank = (h: SearchHit) => input.cited.indexOf(h);
  const held = (h: SearchHit) => input.holds?.(h.unit.id) ?? 0;
  const most = Math.max(...group.map(held));
  const band = (h: SearchHit) => Math.floor((most - held(h)) / HELD_BAND + 1e-9);
  const motivating = (h: SearchHit) => Number(isMotivating(h));
  const best = [...group]
    .sort((a, b) => band(a) - band(b) || motivating(a) - motivating(b) || rank(a) - rank(b))
    .slice(0, COMPARISON_POINTS);
  return best.sort((a, b) => a.unit.order - b.unit.order);
}

function comparison(input: WriteInput, citations: Citations): string {
  const groups = byDocument(capFairly(input.cited, MAX_SUMMARY_UNITS).shown);
  const parts = [opening(input, citations)];
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  const shown = groups.map((g) => bestPoints(g, input));
  parts.push(
    [
      '| Document | What it says |',
      '|---|---|',
      // One row per point, the document named on its first: a cell of several points would need <br>, which
      // markdown renderers and exports do not all keep.
      ...groups.flatMap((g, i) =>
        shown[i].map(
          (h, j) =>
            `| ${j === 0 ? cell(bareName(g[0].document)) : ''} | ${cell(point(h, citations, COMPARISON_CHARS))} |`,
        ),
      ),
    ].join('\n'),
  );
  // The rest of each document's relevant units, named with their markers: cited, though not in the table.
  const more = groups
    .map((g, i) => ({ g, rest: g.filter((h) => !shown[i].includes(h)) }))
    .filter(({ rest }) => rest.length > 0)
    .map(
      ({ g, rest }) =>
        `${bareName(g[0].document)}: ${rest.map((h) => `${h.unit.label} [${citations.cite(h).n}]`).join(', ')}`,
    );
  if (more.length > 0) parts.push(`Also on this: ${more.join('; ')}.`);
  const changes: string[] = [];
  groups.forEach((g, i) => {
    if (i === 0) return;
    const earlier = groups.slice(0, i).flatMap((e) => e.map((h) => citations.cite(h).quote));
    const phrases = newPhrases(g.map((h) => citations.cite(h).quote).join(' '), earlier, input.idf);
    if (phrases.length > 0)
      changes.push(`${documentName(g[0].document)} adds ${phrases.map((p) => `“${p}”`).join(', ')}`);
  });
  if (changes.length > 0) parts.push(`What changed: ${changes.join('; ')}.`);
  const silent = silentDocuments(input);
  if (silent) parts.push(silent);
  return parts.join('\n\n');
}

/** A list the documents give inside one sentence: its items, one per line, then the other passages found. */
function inlineList(list: InlineList, input: WriteInput, citations: Citations): string {
  const n = citations.citeSpan(list.hit, list.quote);
  const source = `${bareName(list.hit.document, true)}, ${list.hit.unit.label}`;
  const lead = `${source}, lists ${list.items.length}: “${list.lead}${list.leadEnd}” [${n}]`;
  // One passage holds the whole list: its marker on the lead cites every item, as a writer cites a list from one
  // source (a marker per item repeated the same source six times).
  const items = list.items.map((item, i) => `${i + 1}. ${item}`);
  const parts = [lead, items.join('\n')];
  const others = input.cited.filter((h) => h !== list.hit && !list.alternatives.includes(h));
  const rest = [...list.alternatives, ...others].slice(0, MAX_ALSO_RELEVANT);
  if (rest.length > 0) parts.push(alsoRelevant(rest, citations));
  return parts.join('\n\n');
}

function enumeration(input: WriteInput, citations: Citations): string {
  const given = findInlineList(input.cited, input.plan);
  if (given) return inlineList(given, input, citations);
  const items = headedItems(byDocument(input.cited.slice(0, MAX_SUMMARY_UNITS)).flat());
  const markers = (item: HeadedItem) => item.hits.map((h) => `[${citations.cite(h).n}]`).join('');
  const first = items[0].hits[0].document;
  const one = items.every((item) => item.hits[0].unit.documentId === first.id);
  const source = one ? bareName(first, true) : 'The documents';
  const verb = !one || /s$/.test(first.shortTitle) ? 'name' : 'names';
  const heading = sharedHeading(items);
  // Headed passages under no common heading ("30 years anniversary…", "Istanbul, Turkey (2013)", "Projects
  // implemented…") are not the items of one list: their headings would be listed as if they were the answer.
  if (heading === null && items.some((item) => item.name !== item.hits[0].unit.label)) return summary(input, citations);
  const under = heading ? ` under “${heading}”` : '';
  // Under "Priority Goal 6", its items are "Action 1", "Action 2"… rather than the label in full each time.
  const short = (name: string) => (heading && name.startsWith(`${heading}, `) ? name.slice(heading.length + 2) : name);
  const lead = `${source} ${verb} ${items.length}${under}: ${items.map((i) => `${short(i.name)} ${markers(i)}`).join(', ')}.`;
  const list = items.map((item, i) => {
    const sentences = item.hits.map((h) => {
      const { n, quote } = citations.cite(h);
      return withMarker(tidySentence(quote), n);
    });
    return `${i + 1}. ${item.name}: ${sentences.join(' ')}`;
  });
  return [lead, list.join('\n')].join('\n\n');
}

/** A timeline read off one document's dated headings (the ministerial conferences) is that document's list. */
function datedList(input: WriteInput): boolean {
  const items = headedItems(input.cited);
  return (
    items.length >= 2 &&
    new Set(input.cited.map((h) => h.unit.documentId)).size === 1 &&
    items.every((i) => headingYear(i.name) !== null)
  );
}

export function writeAnswer(input: WriteInput): Pick<ChatReply, 'answer' | 'citations'> {
  const citations = new Citations(input.claim, quoteOptions(input.plan, input.cited, input.corpusSubject));
  const { intent } = input.plan;
  const several = new Set(input.cited.map((h) => h.unit.documentId)).size > 1;
  const answer =
    input.cited.length === 1
      ? opening(input, citations)
      : intent === 'comparison' && several
        ? comparison(input, citations)
        : intent === 'enumeration' || (intent === 'timeline' && datedList(input))
          ? enumeration(input, citations)
          : intent === 'summary' || intent === 'timeline' || input.plan.acrossDocuments
            ? summary(input, citations)
            : lookup(input, citations);
  return { answer, citations: citations.list };
}
