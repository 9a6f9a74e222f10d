/**
 * @module server/answer/heading-list
 * "List the ministerial conferences", "which projects were run under the Process?": when the documents hold a
 * heading that names exactly what is asked for (or, for a timeline, one whose sub-headings each carry a year),
 * its items are the answer — the first unit under each of its sub-headings (one per conference, one per
 * project), or, without sub-headings, every unit under it. They are put first in the search result, as units
 * the question named.
 */
import { headingYear, ownHeading, SECTION_SEPARATOR, sectionHeadings } from '../../core/section.js';
import { analyse } from '../../core/text/terms.js';
import type { Unit, UnitKind } from '../../core/types.js';
import type { QueryPlan } from '../plan/types.js';
import { coverage, WHOLE_COVERAGE } from '../retrieve/term-stats.js';
import type { SearchHit, SearchResult } from '../retrieve/types.js';
import { headingsOf, type Heading } from './headings.js';
import type { UnitInventory } from './inventory.js';
import { namedHit } from './named-hit.js';

/** At most this many items are listed. */
export const MAX_LISTED = 12;

/** The heading's items: the first unit under each sub-heading, or every unit when it has none. */
function itemsOf(heading: Heading): Unit[] {
  const firstOfChild = new Map<string, Unit>();
  for (const unit of heading.units) {
    const rest = unit.section.slice(heading.path.length);
    if (!rest.startsWith(SECTION_SEPARATOR)) continue;
    const child = rest.slice(SECTION_SEPARATOR.length).split(SECTION_SEPARATOR)[0];
    if (!firstOfChild.has(child)) firstOfChild.set(child, unit);
  }
  return firstOfChild.size >= 2 ? [...firstOfChild.values()] : heading.units;
}

// Words that name the listed units themselves or the act of listing them ("the recommendations … made about
// readmission agreements"), not the topic a heading would name.
const ITEM_TERMS = new Set(
  analyse(
    'recommendation recommendations action actions point points paragraph paragraphs clause clauses consideration considerations recital recitals item items measure measures made make adopted',
  ),
);

// Words that name the details wanted of each item ("years, places, dates where known"), not what is listed.
const FACET_TERMS = new Set(
  analyse('year years date dates place places venue venues location locations time times known'),
);

/** A timeline can be read off a heading only when each of its items is headed by a year of its own. */
function dated(items: readonly Unit[]): boolean {
  const years = new Set(items.map((u) => headingYear(ownHeading(u.section))));
  return !years.has(null) && years.size === items.length;
}

// "List the recommendations …": units of the kind a list question names are its items.
const KIND_WORDS: [RegExp, UnitKind][] = [
  [/\brecommendations?\b/i, 'recommendation'],
  [/\bconsiderations?\b/i, 'consideration'],
  [/\bactions?\b/i, 'action'],
  [/\bpoints?\b/i, 'point'],
  [/\bparagraphs?\b/i, 'paragraph'],
  [/\brecitals?\b/i, 'preamble'],
];
/** A heading's own words without its number, as written ("Priority Goal 3" → "Priority Goal"). */
const withoutNumber = (heading: string) =>
  heading
    .replace(/\b(?:\d+|[IVX]+)\b/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '')
    .join(' ');

/** A heading's own terms without its number, for telling numbered siblings apart from titled headings. */
const unnumbered = (h: Heading) => analyse(withoutNumber(ownHeading(h.path))).join(' ');

const parentOf = (h: Heading) => sectionHeadings(h.path).slice(0, -1).join(SECTION_SEPARATOR);

/**
 * "What are the priority goals?": when the headings that name what is asked are numbered siblings ("Priority
 * Goal 1" … "Priority Goal 6" of one document), the question asks for them, not for the items of the first.
 */
function numberedSiblings(headings: readonly Heading[]): Heading[] | null {
  const groups = new Map<string, Heading[]>();
  for (const h of headings) {
    if (unnumbered(h) === analyse(ownHeading(h.path)).join(' ')) continue;
    const key = `${h.documentId}\u0000${parentOf(h)}\u0000${unnumbered(h)}`;
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  const siblings = [...groups.values()].filter((g) => g.length >= 2);
  // Siblings of two kinds ("Phase 1…", "Priority Goal 1…") would be two lists: the question is not about either.
  return siblings.length === 1 ? siblings[0].sort((a, b) => a.units[0].order - b.units[0].order) : null;
}

/** A heading that lists sub-headings is preferred by this much over one that lists units. */
const SUBHEADINGS_BONUS = 0.25;

interface NamingHeading {
  heading: Heading;
  items: Unit[];
  listsHeadings: boolean;
  /** The share of the heading's words the question used. */
  share: number;
}

/** The headings that name all a list question asks for, with their items; none when it is no list question. */
function namingHeadings(plan: QueryPlan, units: readonly Unit[], subject: ReadonlySet<string>): NamingHeading[] {
  const { scope } = plan.reading;
  const concepts = plan.reading.concepts.filter(
    (c) => !c.terms.every((t) => ITEM_TERMS.has(t) || FACET_TERMS.has(t) || subject.has(t)),
  );
  const timeline = plan.intent === 'timeline';
  if ((plan.intent !== 'enumeration' && !timeline) || concepts.length === 0) return [];
  const asked = KIND_WORDS.filter(([pattern]) => pattern.test(plan.question)).map(([, kind]) => kind);
  const inScope = units.filter(
    (u) => (!scope || scope.includes(u.documentId)) && (asked.length === 0 || asked.includes(u.kind)),
  );
  const queryTerms = new Set(plan.reading.topicTerms);
  return headingsOf(inScope).flatMap((h) => {
    // Without its list marker: "(b) Readmission agreements" is two words.
    const terms = analyse(ownHeading(h.path)).filter((t) => t.length > 1);
    if (coverage(concepts, new Set(terms)) < WHOLE_COVERAGE) return [];
    const items = itemsOf(h);
    if (items.length < 2 || (timeline && !dated(items))) return [];
    // How much of the heading is what was asked: "Ministerial conferences" over "… at the Rhodes Ministerial
    // Conference".
    const share = terms.filter((t) => queryTerms.has(t)).length / Math.max(1, terms.length);
    return [{ heading: h, items, listsHeadings: items !== h.units, share }];
  });
}

/** A numbered heading a list question asks for ("Priority Goal 3"): its name and units, in reading order. */
export interface NumberedHeading {
  name: string;
  /** What the family of headings is called, without its number ("priority goal"). */
  noun: string;
  documentId: string;
  units: Unit[];
  /** The headings directly under it, in reading order ("Eastward geographic expansion"…); none when untitled. */
  subheadings: string[];
}

/**
 * "What are the priority goals?": the numbered sibling headings ("Priority Goal 1" … "Priority Goal 6" of one
 * document) that name what a list question asks for, in order, or null when it asks for no such headings.
 */
export function numberedHeadingsAsked(plan: QueryPlan, inventory: UnitInventory): NumberedHeading[] | null {
  const named = namingHeadings(plan, inventory.units, inventory.subject);
  const siblings = numberedSiblings(named.map((c) => c.heading));
  return (
    siblings?.map((h) => ({
      name: ownHeading(h.path),
      noun: withoutNumber(ownHeading(h.path)).toLowerCase(),
      documentId: h.documentId,
      units: h.units,
      subheadings: [
        ...new Set(h.units.map((u) => sectionHeadings(u.section)[sectionHeadings(h.path).length]).filter(Boolean)),
      ],
    })) ?? null
  );
}

/** The units a list question asks for by a heading's name, or null when no heading names all it asks. */
export function unitsUnderHeading(
  plan: QueryPlan,
  units: readonly Unit[],
  subject: ReadonlySet<string> = new Set(),
): Unit[] | null {
  const candidates = namingHeadings(plan, units, subject);
  if (candidates.length === 0) return null;
  // Numbered headings asked for together are not the items of their first (numbered-groups.ts answers them).
  if (numberedSiblings(candidates.map((c) => c.heading))) return null;
  // What the heading names counts most ("(b) Readmission agreements" over "Return to the country of origin and
  // readmission agreements" for the recommendations on readmission agreements); a heading over sub-headings
  // (one per conference) wins over one of about as many asked words.
  const rank = (c: NamingHeading) => c.share + (c.listsHeadings ? SUBHEADINGS_BONUS : 0);
  candidates.sort((a, b) => rank(b) - rank(a) || a.items.length - b.items.length);
  return candidates[0].items.slice(0, MAX_LISTED);
}

/** The search result with the listed units first, as units the question named. */
export function withHeadingList(plan: QueryPlan, result: SearchResult, inventory: UnitInventory): SearchResult {
  const listed = unitsUnderHeading(plan, inventory.units, inventory.subject);
  if (!listed || result.reference) return result;
  const byId = new Map(result.hits.map((h) => [h.unit.id, h]));
  const first: SearchHit[] = listed.map((unit) => namedHit(unit, inventory, byId.get(unit.id)));
  const rest = result.hits.filter((h) => !listed.some((u) => u.id === h.unit.id));
  return { ...result, hits: [...first, ...rest], reference: listed[0], overview: false };
}
