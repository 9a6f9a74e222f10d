/**
 * @module server/retrieve/term-stats
 * Which index terms each unit contains and how rare each term is across units. Used to re-rank candidates
 * by how many of the question's concepts they cover, and by the answer stage to judge evidence.
 */
import { analyse } from '../../ingest/index/terms.js';
import type { Unit } from '../../ingest/types.js';
import { expandQuery } from './glossary.js';

export class TermStatistics {
  private readonly df = new Map<string, number>();
  private readonly termsByUnit = new Map<string, Set<string>>();
  readonly unitCount: number;

  constructor(units: readonly Unit[]) {
    this.unitCount = units.length;
    for (const u of units) {
      const terms = new Set(analyse(`${u.label} ${u.section} ${u.text}`));
      this.termsByUnit.set(u.id, terms);
      for (const t of terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
  }

  /** Smoothed inverse document frequency; a term the corpus never uses gets the highest weight. */
  idf(term: string): number {
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (this.unitCount + 1) / (df + 0.5));
  }

  termsOf(unitId: string): ReadonlySet<string> {
    return this.termsByUnit.get(unitId) ?? new Set();
  }
}

/** A question's concepts: each of its terms with the glossary equivalents that also count for it. */
export interface Concept {
  term: string;
  /** Glossary equivalents, each a list of terms that must all be present ("transport companies"). */
  equivalents: string[][];
  weight: number;
}

export function conceptsOf(topic: string, stats: TermStatistics): Concept[] {
  const terms = [...new Set(analyse(topic))];
  return terms.map((term) => ({
    term,
    equivalents: expandQuery(term)
      .phrases.map((p) => analyse(p))
      .filter((terms) => terms.length > 0),
    weight: stats.idf(term),
  }));
}

/** IDF-weighted share of the concepts found in a set of terms, in [0, 1]. */
export function coverage(concepts: readonly Concept[], terms: ReadonlySet<string>): number {
  let total = 0;
  let covered = 0;
  for (const c of concepts) {
    total += c.weight;
    if (terms.has(c.term) || c.equivalents.some((e) => e.every((t) => terms.has(t)))) covered += c.weight;
  }
  return total > 0 ? covered / total : 0;
}
