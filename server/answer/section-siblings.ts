/**
 * @module server/answer/section-siblings
 * A summary, list, comparison or timeline cites every unit that substantively addresses its topic. The
 * documents already group their points by topic — the points of a clause, the actions of a priority goal, a
 * group of recommendations under one heading — so when a cited unit belongs to such a group (or heads it),
 * the group's other units that speak of the topic too are cited with it, although the search ranked them
 * lower than its first few.
 */
import { ownHeading } from '../../core/section.js';
import type { DocumentMeta, Unit } from '../../core/types.js';
import { coverage, type TermStatistics } from '../retrieve/term-stats.js';
import type { QueryReading, SearchHit } from '../retrieve/types.js';

export interface SiblingOptions {
  /** A sibling is cited when it holds at least this share of the topic's concepts (IDF-weighted). */
  minCoverage: number;
  /** Citations stop at this many. */
  maxCitations: number;
}

export const SIBLING_OPTIONS: SiblingOptions = { minCoverage: 0.7, maxCitations: 12 };

interface UnitGroup {
  /** The unit the others complete (a clause over its points), when the document has one. */
  head?: Unit;
  /** The group's units other than `unit` and its head. */
  others: Unit[];
}

/** `unit`'s group: its points when it heads some, else the units sharing its section and their head. */
function groupOf(unit: Unit, documentUnits: readonly Unit[]): UnitGroup {
  const points = documentUnits.filter((u) => ownHeading(u.section) === unit.label);
  if (points.length > 0) return { head: unit, others: points };
  if (unit.section === '') return { others: [] };
  const section = ownHeading(unit.section);
  return {
    head: documentUnits.find((u) => u.label === section && u.id !== unit.id),
    others: documentUnits.filter((u) => u.section === unit.section && u.id !== unit.id),
  };
}

export function withSectionSiblings(
  cited: readonly SearchHit[],
  reading: QueryReading,
  inventory: { units: readonly Unit[]; documents: readonly DocumentMeta[] },
  stats: TermStatistics,
  options: SiblingOptions = SIBLING_OPTIONS,
): SearchHit[] {
  if (reading.concepts.length === 0 || cited.length >= options.maxCitations) return [...cited];
  const out = [...cited];
  const seen = new Set(cited.map((h) => h.unit.id));
  const unitsOf = (documentId: string) => inventory.units.filter((u) => u.documentId === documentId);
  const onTopic = (unit: Unit) => coverage(reading.concepts, stats.termsOf(unit.id)) >= options.minCoverage;
  const floor = Math.min(...cited.map((h) => h.score));
  for (const hit of cited) {
    const { head, others } = groupOf(hit.unit, unitsOf(hit.unit.documentId));
    // A head on the topic ("These partnerships will address … integration …, by:") makes every point under it
    // part of what the document says on the topic, though a point need not repeat the topic's words.
    const headOnTopic = head !== undefined && onTopic(head);
    const candidates = headOnTopic && head !== hit.unit ? [head, ...others] : others;
    for (const sibling of candidates) {
      if (out.length >= options.maxCitations) return out;
      if (seen.has(sibling.id)) continue;
      if (!headOnTopic && !onTopic(sibling)) continue;
      seen.add(sibling.id);
      out.push({ unit: sibling, document: hit.document, score: floor, lexical: 0, vector: 0, referenced: false });
    }
  }
  return out;
}
