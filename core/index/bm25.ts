/**
 * @module core/index/bm25
 * A multi-field BM25+ index held in typed arrays: per field, a posting list per term (unit numbers and term
 * frequencies), field lengths, and a forward list of each unit's terms. Scores are minisearch 7's (BM25+
 * with k1 1.2, b 0.7, δ 0.5, field boosts, a score multiplied by the number of query terms matched), which the
 * dev set was tuned on; tests/core/index/bm25.test.ts pins them to minisearch's to 1e-9. Typed arrays
 * rather than minisearch's maps of maps: at 100k units a query scores ~50k postings per word in a couple of
 * milliseconds without allocating, and the index loads from disk without parsing (docs/benchmarks.md).
 */
import { topK } from './top-k.js';

export interface Bm25Params {
  k1: number;
  b: number;
  /** BM25+'s lower bound for a matching term, so long units are not pushed below units without it. */
  delta: number;
}

export const BM25_PARAMS = { k1: 1.2, b: 0.7, delta: 0.5 } as const satisfies Bm25Params;

/** One field's postings: term t's units are `units[offsets[t] … offsets[t+1])`, with their frequencies. */
export interface FieldPostings {
  offsets: Uint32Array;
  units: Uint32Array;
  frequencies: Uint16Array;
  /** Distinct tokens of the field in each unit (stop words included, as minisearch counts them). */
  lengths: Uint32Array;
}

/** Everything an index holds; what the codec writes and reads. */
export interface Bm25Data {
  params: Bm25Params;
  fields: string[];
  /** Unit number → unit id. */
  ids: string[];
  /** Group names (document ids) and each unit's group, for scoping a search. */
  groups: string[];
  groupOf: Uint32Array;
  /** Term id → term. */
  terms: string[];
  /** Term id → the token written most often for it ("sanctions" for "sanction"): a word to show or suggest. */
  surfaces: string[];
  postings: FieldPostings[];
  /** Fields whose terms make a unit's forward list (the unit's own words, not its document's title). */
  forwardFields: string[];
  /** Unit u's distinct term ids, sorted: `forwardTerms[forwardOffsets[u] … forwardOffsets[u+1])`. */
  forwardOffsets: Uint32Array;
  forwardTerms: Uint32Array;
  /** The field kept in reading order (for proximity): unit u's term ids in `sequenceTerms[sequenceOffsets[u] …)`. */
  sequenceField: string;
  sequenceOffsets: Uint32Array;
  sequenceTerms: Uint32Array;
}

export interface Bm25Document {
  id: string;
  group: string;
  /** Field name → the field's text. */
  fields: Record<string, string>;
}

export interface Bm25Analyser {
  /** Tokens of a field, before stop words are dropped (field lengths count these). */
  tokenize(text: string): string[];
  /** The indexed term of a token, or null for a token that is not indexed. */
  toTerm(token: string): string | null;
}

/** Analysed query terms (repeats count again, as in minisearch) and the weight of their score. */
export interface WeightedQuery {
  terms: readonly string[];
  weight: number;
}

export interface Bm25SearchOptions {
  /** Field name → boost; fields not named count 1. */
  boost?: Readonly<Record<string, number>>;
  /** Only units of these groups are returned. */
  groups?: ReadonlySet<string> | null;
  /** At most this many results, best first. */
  limit: number;
}

export interface Bm25Hit {
  id: string;
  score: number;
}

export interface Bm25Layout {
  /** The fields searched, in order. */
  fields: readonly string[];
  /** The fields whose terms make each unit's forward list. */
  forwardFields: readonly string[];
  /** The field whose terms are also kept in reading order. */
  sequenceField: string;
}

export function buildBm25Data(
  documents: readonly Bm25Document[],
  layout: Bm25Layout,
  analyser: Bm25Analyser,
  params: Bm25Params = BM25_PARAMS,
): Bm25Data {
  const { fields, forwardFields, sequenceField } = layout;
  const termIdOf = new Map<string, number>();
  const terms: string[] = [];
  const groupIdOf = new Map<string, number>();
  const groups: string[] = [];
  const groupOf = new Uint32Array(documents.length);
  const perField = fields.map(() => ({ lists: [] as number[][], lengths: new Uint32Array(documents.length) }));
  const forward: number[][] = [];
  const forwardSet = new Set(forwardFields);
  const sequences: number[][] = [];
  // token → [term id, times seen], for each term's most frequent written form.
  const tokenCounts = new Map<string, [number, number]>();

  documents.forEach((doc, unit) => {
    let group = groupIdOf.get(doc.group);
    if (group === undefined) groupIdOf.set(doc.group, (group = groups.push(doc.group) - 1));
    groupOf[unit] = group;
    const unitTerms = new Set<number>();
    fields.forEach((field, f) => {
      const tokens = analyser.tokenize(doc.fields[field] ?? '');
      perField[f].lengths[unit] = new Set(tokens).size;
      const counts = new Map<number, number>();
      const sequence: number[] = [];
      for (const token of tokens) {
        const term = analyser.toTerm(token);
        if (!term) continue;
        let id = termIdOf.get(term);
        if (id === undefined) termIdOf.set(term, (id = terms.push(term) - 1));
        counts.set(id, (counts.get(id) ?? 0) + 1);
        sequence.push(id);
        const seen = tokenCounts.get(token);
        if (seen) seen[1]++;
        else tokenCounts.set(token, [id, 1]);
      }
      if (field === sequenceField) sequences[unit] = sequence;
      const lists = perField[f].lists;
      for (const [id, count] of counts) {
        (lists[id] ??= []).push(unit, Math.min(count, 0xffff));
        if (forwardSet.has(field)) unitTerms.add(id);
      }
    });
    forward.push([...unitTerms].sort((a, b) => a - b));
  });

  const postings = perField.map(({ lists, lengths }): FieldPostings => {
    const offsets = new Uint32Array(terms.length + 1);
    for (let t = 0; t < terms.length; t++) offsets[t + 1] = offsets[t] + (lists[t]?.length ?? 0) / 2;
    const units = new Uint32Array(offsets[terms.length]);
    const frequencies = new Uint16Array(offsets[terms.length]);
    for (let t = 0; t < terms.length; t++) {
      const list = lists[t] ?? [];
      for (let i = 0; i < list.length; i += 2) {
        units[offsets[t] + i / 2] = list[i];
        frequencies[offsets[t] + i / 2] = list[i + 1];
      }
    }
    return { offsets, units, frequencies, lengths };
  });

  const surfaces = [...terms];
  const surfaceCount = new Array<number>(terms.length).fill(0);
  for (const [token, [id, count]] of tokenCounts) {
    if (count > surfaceCount[id] || (count === surfaceCount[id] && token < surfaces[id])) {
      surfaces[id] = token;
      surfaceCount[id] = count;
    }
  }
  const [forwardOffsets, forwardTerms] = packLists(forward, documents.length);
  const [sequenceOffsets, sequenceTerms] = packLists(sequences, documents.length);

  return {
    params: { ...params },
    fields: [...fields],
    ids: documents.map((d) => d.id),
    groups,
    groupOf,
    terms,
    surfaces,
    postings,
    forwardFields: [...forwardFields],
    forwardOffsets,
    forwardTerms,
    sequenceField,
    sequenceOffsets,
    sequenceTerms,
  };
}

/** Lists of numbers, one per unit, as offsets and one flat array. */
function packLists(lists: readonly (number[] | undefined)[], count: number): [Uint32Array, Uint32Array] {
  const offsets = new Uint32Array(count + 1);
  for (let u = 0; u < count; u++) offsets[u + 1] = offsets[u] + (lists[u]?.length ?? 0);
  const flat = new Uint32Array(offsets[count]);
  for (let u = 0; u < count; u++) if (lists[u]) flat.set(lists[u]!, offsets[u]);
  return [offsets, flat];
}

/** Per-query scratch space, allocated once per index: a search allocates nothing proportional to the corpus. */
interface Scratch {
  total: Float64Array;
  inTotal: Uint8Array;
  totalTouched: Uint32Array;
  part: Float64Array;
  inPart: Uint8Array;
  partTouched: Uint32Array;
  matched: Uint16Array;
  termStamp: Uint32Array;
}

export class Bm25Index {
  readonly unitCount: number;
  private readonly termIdOf: Map<string, number>;
  private readonly unitOf: Map<string, number>;
  /** Per field, k1·(1 − b + b·length/average) of each unit: the length part of BM25, computed once. */
  private readonly lengthNorms: Float64Array[];
  private scratch: Scratch | null = null;
  private stamp = 0;

  constructor(readonly data: Bm25Data) {
    this.unitCount = data.ids.length;
    this.termIdOf = new Map(data.terms.map((t, i) => [t, i]));
    this.unitOf = new Map(data.ids.map((id, i) => [id, i]));
    const { k1, b } = data.params;
    this.lengthNorms = data.postings.map(({ lengths }) => {
      let sum = 0;
      for (const l of lengths) sum += l;
      const average = this.unitCount > 0 ? sum / this.unitCount : 0;
      const norms = new Float64Array(this.unitCount);
      for (let u = 0; u < this.unitCount; u++) norms[u] = k1 * (1 - b + (average > 0 ? (b * lengths[u]) / average : 0));
      return norms;
    });
  }

  termId(term: string): number | undefined {
    return this.termIdOf.get(term);
  }

  unitNumber(id: string): number | undefined {
    return this.unitOf.get(id);
  }

  /** The sorted term ids of a unit's forward fields. */
  unitTerms(unit: number): Uint32Array {
    return this.data.forwardTerms.subarray(this.data.forwardOffsets[unit], this.data.forwardOffsets[unit + 1]);
  }

  /** A unit's sequence field as term ids in reading order, stop words dropped. */
  unitSequence(unit: number): Uint32Array {
    return this.data.sequenceTerms.subarray(this.data.sequenceOffsets[unit], this.data.sequenceOffsets[unit + 1]);
  }

  /**
   * Units matching any query term, scored Σ over queries of weight × (terms matched) × Σ BM25+ per term and
   * field × field boost; the `limit` best, best first.
   */
  search(queries: readonly WeightedQuery[], options: Bm25SearchOptions): Bm25Hit[] {
    const s = (this.scratch ??= this.allocate());
    // Locals, not property reads, in the loop that runs once per posting (~50k per word at 100k units).
    const { part, inPart, matched, termStamp, partTouched, total, inTotal, totalTouched } = s;
    const { k1, delta } = this.data.params;
    const n = this.unitCount;
    const boosts = this.data.fields.map((f) => options.boost?.[f] ?? 1);
    let totalCount = 0;
    for (const query of queries) {
      const multiplicity = new Map<number, number>();
      for (const term of query.terms) {
        const id = this.termIdOf.get(term);
        if (id !== undefined) multiplicity.set(id, (multiplicity.get(id) ?? 0) + 1);
      }
      let partCount = 0;
      for (const [term, times] of multiplicity) {
        const stamp = this.nextStamp();
        for (let f = 0; f < this.data.postings.length; f++) {
          const { offsets, units, frequencies } = this.data.postings[f];
          const start = offsets[term];
          const end = offsets[term + 1];
          if (start === end || boosts[f] === 0) continue;
          const df = end - start;
          const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          const factor = times * boosts[f] * idf;
          const norms = this.lengthNorms[f];
          for (let i = start; i < end; i++) {
            const u = units[i];
            const tf = frequencies[i];
            if (inPart[u] === 0) {
              inPart[u] = 1;
              part[u] = 0;
              matched[u] = 0;
              partTouched[partCount++] = u;
            }
            part[u] += factor * (delta + (tf * (k1 + 1)) / (tf + norms[u]));
            if (termStamp[u] !== stamp) {
              termStamp[u] = stamp;
              matched[u]++;
            }
          }
        }
      }
      for (let i = 0; i < partCount; i++) {
        const u = partTouched[i];
        inPart[u] = 0;
        if (inTotal[u] === 0) {
          inTotal[u] = 1;
          total[u] = 0;
          totalTouched[totalCount++] = u;
        }
        total[u] += query.weight * part[u] * matched[u];
      }
    }
    let kept = 0;
    const groups = options.groups ? this.groupMask(options.groups) : null;
    for (let i = 0; i < totalCount; i++) {
      const u = totalTouched[i];
      inTotal[u] = 0;
      if (!groups || groups[this.data.groupOf[u]]) totalTouched[kept++] = u;
    }
    return topK(totalTouched, kept, total, options.limit).map((u) => ({ id: this.data.ids[u], score: total[u] }));
  }

  /** A fresh mark for "this unit already counted this term"; the marks are cleared when the counter wraps. */
  private nextStamp(): number {
    if (this.stamp === 0xffffffff) {
      this.scratch?.termStamp.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  private groupMask(names: ReadonlySet<string>): Uint8Array {
    const mask = new Uint8Array(this.data.groups.length);
    this.data.groups.forEach((g, i) => (mask[i] = names.has(g) ? 1 : 0));
    return mask;
  }

  private allocate(): Scratch {
    const n = this.unitCount;
    return {
      total: new Float64Array(n),
      inTotal: new Uint8Array(n),
      totalTouched: new Uint32Array(n),
      part: new Float64Array(n),
      inPart: new Uint8Array(n),
      partTouched: new Uint32Array(n),
      matched: new Uint16Array(n),
      termStamp: new Uint32Array(n),
    };
  }
}
