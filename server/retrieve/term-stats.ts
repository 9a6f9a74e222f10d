/**
 * @module server/retrieve/term-stats
 * Which index terms each unit contains and how rare each term is across units, read from the lexical
 * index's forward lists. Used to re-rank candidates by how many of the question's concepts they cover, and by
 * the answer stage to judge evidence.
 */
import type { LexicalIndex } from '../../ingest/index/lexical.js';
import { analyse } from '../../ingest/index/terms.js';
import { expandQuery } from './glossary.js';

/** The terms of one unit: a view of its sorted term ids in the index, searched by bisection. */
export class TermSet {
  constructor(
    private readonly ids: Uint32Array,
    private readonly idOf: (term: string) => number | undefined,
  ) {}

  has(term: string): boolean {
    const id = this.idOf(term);
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

const EMPTY = new Uint32Array(0);

export class TermStatistics {
  /** Units whose own words (text, label, section) hold each term. */
  private readonly df: Uint32Array;
  private readonly idOf: (term: string) => number | undefined;
  readonly unitCount: number;

  constructor(private readonly lexical: LexicalIndex) {
    this.unitCount = lexical.unitCount;
    this.idOf = (term) => lexical.termId(term);
    this.df = new Uint32Array(lexical.data.terms.length);
    for (const id of lexical.data.forwardTerms) this.df[id]++;
  }

  /** Smoothed inverse document frequency; a term the corpus never uses gets the highest weight. */
  idf(term: string): number {
    const id = this.idOf(term);
    const df = id === undefined ? 0 : this.df[id];
    return Math.log(1 + (this.unitCount + 1) / (df + 0.5));
  }

  termsOf(unitId: string): TermSet {
    const unit = this.lexical.unitNumber(unitId);
    return new TermSet(unit === undefined ? EMPTY : this.lexical.unitTerms(unit), this.idOf);
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
