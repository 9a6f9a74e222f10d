/**
 * @module server/retrieve/term-stats
 * Which index terms each unit contains and how rare each term is across units. Used to re-rank candidates
 * by how many of the question's concepts they cover, and by the answer stage to judge evidence.
 */
import { analyse } from '../../ingest/index/terms.js';
import type { Unit } from '../../ingest/types.js';
import { expandQuery } from './glossary.js';

/** The terms of one unit: sorted term ids, so 100k units cost tens of MB rather than a Set of strings each. */
export class TermSet {
  constructor(
    private readonly ids: Int32Array,
    private readonly idOf: ReadonlyMap<string, number>,
  ) {}

  has(term: string): boolean {
    const id = this.idOf.get(term);
    if (id === undefined) return false;
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.ids[mid];
      if (v === id) return true;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  get size(): number {
    return this.ids.length;
  }
}

const EMPTY = new Int32Array(0);

export class TermStatistics {
  private readonly idOf = new Map<string, number>();
  private df: Int32Array = new Int32Array(1024);
  private readonly termsByUnit = new Map<string, TermSet>();
  readonly unitCount: number;

  constructor(units: readonly Unit[]) {
    this.unitCount = units.length;
    for (const u of units) {
      const ids = new Set<number>();
      for (const t of analyse(`${u.label} ${u.section} ${u.text}`)) ids.add(this.intern(t));
      const sorted = Int32Array.from(ids).sort();
      for (const id of sorted) this.df[id]++;
      this.termsByUnit.set(u.id, new TermSet(sorted, this.idOf));
    }
  }

  private intern(term: string): number {
    let id = this.idOf.get(term);
    if (id === undefined) {
      id = this.idOf.size;
      this.idOf.set(term, id);
      if (id >= this.df.length) {
        const grown = new Int32Array(this.df.length * 2);
        grown.set(this.df);
        this.df = grown;
      }
    }
    return id;
  }

  /** Smoothed inverse document frequency; a term the corpus never uses gets the highest weight. */
  idf(term: string): number {
    const id = this.idOf.get(term);
    const df = id === undefined ? 0 : this.df[id];
    return Math.log(1 + (this.unitCount + 1) / (df + 0.5));
  }

  termsOf(unitId: string): TermSet {
    return this.termsByUnit.get(unitId) ?? new TermSet(EMPTY, this.idOf);
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
export function coverage(concepts: readonly Concept[], terms: { has(term: string): boolean }): number {
  let total = 0;
  let covered = 0;
  for (const c of concepts) {
    total += c.weight;
    if (terms.has(c.term) || c.equivalents.some((e) => e.every((t) => terms.has(t)))) covered += c.weight;
  }
  return total > 0 ? covered / total : 0;
}
