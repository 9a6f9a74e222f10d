/**
 * @module server/answer/heading-group
 * "Summarise the 1997 recommendations on visas and checks before and at entry": the Prague 1997 text files
 * those recommendations under one heading ("Pre-entry and entry control, in particular the approximation of
 * visa regimes"), and most of them never repeat the heading's words, so the search ranks the considerations
 * that do above them. When one heading of a cited document holds the topic, the document itself has said which
 * of its units are on it: a summary, list or comparison cites the units under that heading, what the text
 * commits to (recommendations, actions, points) before what motivates it.
 */
import { ownHeading, sectionHeadings } from '../../core/section.js';
import type { Unit } from '../../core/types.js';
import { analyse } from '../../core/text/terms.js';
import { coverage, type Concept } from '../retrieve/term-stats.js';
import type { SearchHit } from '../retrieve/types.js';
import { headingsOf } from './headings.js';
import { isMotivating, isMotivatingKind } from './operative-first.js';

/** A heading holds the topic when it holds at least this share of the question's concepts (IDF-weighted). */
export const HEADING_COVERAGE = 0.7;

/** A heading path: the headings from the outermost to this one. */
type HeadingPath = readonly string[];

const isPrefix = (a: HeadingPath, b: HeadingPath) => a.length <= b.length && a.every((h, i) => b[i] === h);

/**
 * The heading of `units` (one document's) that holds the topic, as a path, or null when none does or when
 * headings on different branches do (a topic as broad as "trafficking" heads two parts of the Prague 1997
 * text: neither is what was asked). Of nested headings that both hold it, the innermost is the narrower answer.
 */
function headingHolding(concepts: readonly Concept[], units: readonly Unit[]): HeadingPath | null {
  const paths = headingsOf(units)
    .filter((h) => coverage(concepts, new Set(analyse(ownHeading(h.path)))) >= HEADING_COVERAGE)
    .map((h) => sectionHeadings(h.path))
    .sort((a, b) => b.length - a.length);
  const innermost = paths[0];
  if (!innermost) return null;
  return paths.every((p) => isPrefix(p, innermost)) ? innermost : null;
}

/**
 * `cited` with each document whose heading holds the topic cited by that heading's units: its cited operative
 * units (best first), its other operative units (in reading order), its cited motivating units, then the
 * document's other cited units. Other documents keep their place and order.
 */
export function withHeadingGroup(
  cited: readonly SearchHit[],
  concepts: readonly Concept[],
  inventory: { units: readonly Unit[] },
): SearchHit[] {
  if (concepts.length === 0 || cited.length === 0) return [...cited];
  const floor = Math.min(...cited.map((h) => h.score));
  const regrouped = new Map<string, SearchHit[]>();
  for (const documentId of new Set(cited.map((h) => h.unit.documentId))) {
    const units = inventory.units.filter((u) => u.documentId === documentId);
    const path = headingHolding(concepts, units);
    if (!path) continue;
    const under = (u: Unit) => isPrefix(path, sectionHeadings(u.section));
    const own = cited.filter((h) => h.unit.documentId === documentId);
    const inGroup = own.filter((h) => under(h.unit));
    // The search must agree that the heading's units are on the topic: at least one of them was found.
    if (inGroup.length === 0) continue;
    const citedIds = new Set(own.map((h) => h.unit.id));
    const template = own[0];
    const added = units
      .filter((u) => under(u) && !citedIds.has(u.id) && !isMotivatingKind(u.kind))
      .sort((a, b) => a.order - b.order)
      .map((unit) => ({ ...template, unit, score: floor, lexical: 0, vector: 0, referenced: false }));
    regrouped.set(documentId, [
      ...inGroup.filter((h) => !isMotivating(h)),
      ...added,
      ...inGroup.filter(isMotivating),
      ...own.filter((h) => !under(h.unit)),
    ]);
  }
  if (regrouped.size === 0) return [...cited];
  const out: SearchHit[] = [];
  for (const hit of cited) {
    const group = regrouped.get(hit.unit.documentId);
    if (!group) out.push(hit);
    else if (out.every((h) => h.unit.documentId !== hit.unit.documentId)) out.push(...group);
  }
  return out;
}
