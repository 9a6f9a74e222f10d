/**
 * @module server/retrieve/term-stats
 * Which index terms each unit contains, in what order its text has them, and how rare each term is across
 * units, read from the lexical index's forward lists and text sequences. Used to re-rank candidates by how many of the question's concepts they cover, and how closely
 * together, and by the answer stage to judge evidence.
 */
import type { LexicalIndex } from '../../core/index/lexical.js';
import { PARTICLES } from '../../core/text/phrasal.js';
import { analyse } from '../../core/text/terms.js';
import { NO_BRIDGES, type Bridge, type TermBridges } from './bridges.js';
import { projectGlossary, type CompiledGlossary } from './glossary.js';

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

  constructor(
    private readonly lexical: LexicalIndex,
    /** A question's words → related corpus terms (bridges.ts: WordNet, word-vector neighbours; known words at half weight). */
    readonly bridgesOf: TermBridges = NO_BRIDGES,
    /** The hand-written groups of equivalent terms (GLOSSARY=off: none). */
    readonly glossary: CompiledGlossary = projectGlossary,
  ) {
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

  /** Whether any unit of the corpus uses the term. */
  uses(term: string): boolean {
    const id = this.idOf(term);
    return id !== undefined && this.df[id] > 0;
  }

  /** Every term of a unit: its label, section heading and text. */
  termsOf(unitId: string): TermSet {
    const unit = this.lexical.unitNumber(unitId);
    return new TermSet(unit === undefined ? EMPTY : this.lexical.unitTerms(unit), this.idOf);
  }

  /** The unit's text as term ids in reading order. */
  sequenceOf(unitId: string): Uint32Array {
    const unit = this.lexical.unitNumber(unitId);
    return unit === undefined ? EMPTY : this.lexical.unitSequence(unit);
  }

  /** How many units hold a term. */
  documentFrequency(term: string): number {
    const id = this.idOf(term);
    return id === undefined ? 0 : this.df[id];
  }

  /** A term's id in sequenceOf, or -1 for a term no unit has. */
  idOfTerm(term: string): number {
    return this.idOf(term) ?? -1;
  }
}

/** One idea of a question: a term, or a glossary phrase of several ("people smugglers"), and its equivalents. */
export interface Concept {
  /** The question's own terms for it; all must be present. */
  terms: string[];
  /** Glossary equivalents, each a list of terms that must all be present ("trafficking in aliens"). */
  equivalents: string[][];
  /** Corpus terms related to the word (bridges.ts), each meeting it in part where the word itself is absent. */
  bridges: readonly Bridge[];
  weight: number;
}

/**
 * The most an adverb particle (core/text/phrasal.ts) weighs outside a glossary phrase: alone it names nothing,
 * and the corpus never uses "back", so as a topic word it would weigh the most of all.
 */
const PARTICLE_WEIGHT = 0.5;

/**
 * A generic noun that a relative clause defines ("people who overstay their visa", "someone who helps the
 * police"): the clause says what is asked about, the noun is a placeholder for "whoever", weighed as a particle.
 * The documents' own word is seldom "people" ("persons", "migrants", "nationals"), so at full weight it would be
 * one of the rarest terms of the question.
 */
const PLACEHOLDER =
  /\b(people|persons?|someone|somebody|anyone|anybody|folks?|individuals?)\s+(?=(?:who|that|whose)\b)/gi;

/**
 * The measure a "how …" question asks for ("how long can they stay", "how often did it meet"): the answer gives
 * a number of months or times, seldom the word itself, so it weighs as a particle too.
 */
const ASKED_MEASURE = /\bhow\s+(long|often|soon|far|old|big|large|high|early|late|quickly|fast)\b/gi;

/** Terms of the topic that stand for what is asked rather than name it (PLACEHOLDER, ASKED_MEASURE). */
function placeholderTerms(topic: string): Set<string> {
  const words = [...topic.matchAll(PLACEHOLDER), ...topic.matchAll(ASKED_MEASURE)].map((m) => m[1]);
  return new Set(words.flatMap((w) => analyse(w)));
}

/**
 * A question's concepts, for ranking. A glossary phrase in the question is one concept, met by the phrase or
 * by any of its equivalents: "people smugglers" is met by "trafficking in aliens", where term by term
 * "people" would stay unmet and count against the unit. A phrase weighs as its rarest term (one idea, not
 * several); any other term is a concept of its own, weighted by its IDF, and a word the corpus never uses
 * carries its bridges. Computed once per question by the query reader (read-query.ts); the plan and the search
 * result carry them to the re-rank and the evidence check.
 */
export function conceptsOf(
  topic: string,
  stats: TermStatistics,
  bridges: ReadonlyMap<string, readonly Bridge[]> = stats.bridgesOf(topic),
): Concept[] {
  const terms = analyse(topic);
  const placeholders = placeholderTerms(topic);
  const concepts = new Map<string, Concept>();
  const inPhrase = new Set<string>();
  for (const m of stats.glossary.matchPhrases(terms)) {
    for (const t of m.terms) inPhrase.add(t);
    const key = m.terms.join(' ');
    if (!concepts.has(key)) {
      const weight = Math.max(...m.terms.map((t) => stats.idf(t)));
      concepts.set(key, { terms: m.terms, equivalents: m.equivalents, bridges: [], weight });
    }
  }
  for (const term of terms) {
    if (!inPhrase.has(term) && !concepts.has(term)) {
      const light = PARTICLES.has(term) || placeholders.has(term);
      const weight = light ? Math.min(PARTICLE_WEIGHT, stats.idf(term)) : stats.idf(term);
      concepts.set(term, { terms: [term], equivalents: [], bridges: bridges.get(term) ?? [], weight });
    }
  }
  return [...concepts.values()];
}

/** The ways a concept is present in a set of terms: its own terms or an equivalent, each complete. */
function presentForms(c: Concept, terms: { has(term: string): boolean }): string[][] {
  return [c.terms, ...c.equivalents].filter((form) => form.every((t) => terms.has(t)));
}

/** How far a concept is met by a set of terms: 1 by its own terms or an equivalent, else its best bridge's weight. */
function credit(c: Concept, terms: { has(term: string): boolean }): number {
  if (presentForms(c, terms).length > 0) return 1;
  let best = 0;
  for (const [term, weight] of c.bridges) if (weight > best && terms.has(term)) best = weight;
  return best;
}

/** Coverage at which a set of terms holds every concept (1 but for rounding). */
export const WHOLE_COVERAGE = 0.999;

/** IDF-weighted share of the concepts found in a set of terms, in [0, 1]. */
export function coverage(concepts: readonly Concept[], terms: { has(term: string): boolean }): number {
  let total = 0;
  let covered = 0;
  for (const c of concepts) {
    total += c.weight;
    covered += c.weight * credit(c, terms);
  }
  return total > 0 ? covered / total : 0;
}

/**
 * Coverage of the best stretch of a unit's text: the IDF-weighted share of the concepts found within `span`
 * consecutive terms (stop words not counted), in [0, 1]. A unit about the question's ideas names them
 * together; a long list (every participant, every activity) names each of them somewhere.
 */
export function proximity(
  concepts: readonly Concept[],
  stats: TermStatistics,
  unitId: string,
  span: number,
  terms: TermSet = stats.termsOf(unitId),
): number {
  const sequence = stats.sequenceOf(unitId);
  let total = 0;
  // Which concept each term id marks, for the concepts the text has (a term can mark several).
  const marks = new Map<number, number[]>();
  concepts.forEach((c, i) => {
    total += c.weight;
    const forms = presentForms(c, terms);
    // A concept met only through a bridge is marked by the bridged term (its credit is the bridge's weight).
    const marking = forms.length > 0 ? forms : c.bridges.filter(([t]) => terms.has(t)).map(([t]) => [t]);
    for (const form of marking)
      for (const t of form) {
        const id = stats.idOfTerm(t);
        const list = marks.get(id) ?? [];
        if (!list.includes(i)) list.push(i);
        marks.set(id, list);
      }
  });
  if (total === 0 || marks.size === 0) return 0;
  const inWindow = new Int32Array(concepts.length);
  let covered = 0;
  let best = 0;
  for (let end = 0; end < sequence.length; end++) {
    for (const i of marks.get(sequence[end]) ?? []) if (inWindow[i]++ === 0) covered += concepts[i].weight;
    const start = end - span;
    if (start >= 0)
      for (const i of marks.get(sequence[start]) ?? []) if (--inWindow[i] === 0) covered -= concepts[i].weight;
    if (covered > best) best = covered;
  }
  return Math.min(1, best / total);
}
