/**
 * @module server/answer/section-siblings
 * A summary, list, comparison or timeline cites every unit that substantively addresses its topic. The
 * documents already group their points by topic — the points of a clause, the actions of a priority goal, a
 * group of recommendations under one heading — so when a cited unit belongs to such a group (or heads it),
 * the group's other units that speak of the topic too are cited with it, although the search ranked them
 * lower than its first few.
 */
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

const lastSegment = (section: string) => section.split(' › ').at(-1) ?? '';

/** The units grouped with `unit`: those sharing its section, or, for a unit that heads a group, its points. */
function groupOf(unit: Unit, documentUnits: readonly Unit[]): Unit[] {
  const heads = documentUnits.filter((u) => lastSegment(u.section) === unit.label);
  if (heads.length > 0) return heads;
  if (unit.section === '') return [];
  return documentUnits.filter((u) => u.section === unit.section && u.id !== unit.id);
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
  const floor = Math.min(...cited.map((h) => h.score));
  for (const hit of cited) {
    for (const sibling of groupOf(hit.unit, unitsOf(hit.unit.documentId))) {
      if (out.length >= options.maxCitations) return out;
      if (seen.has(sibling.id)) continue;
      if (coverage(reading.concepts, stats.termsOf(sibling.id)) < options.minCoverage) continue;
      seen.add(sibling.id);
      out.push({ unit: sibling, document: hit.document, score: floor, lexical: 0, vector: 0, referenced: false });
    }
  }
  return out;
}
