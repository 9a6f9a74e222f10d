/**
 * @module core/embed/local/sif
 * SIF sentence vectors (Arora, Liang & Ma, "A Simple but Tough-to-Beat Baseline for Sentence
 * Embeddings", ICLR 2017): a weighted average of word vectors, weight a / (a + p(w)), minus the
 * projection on the corpus's common direction.
 *
 * p(w) comes from the word's frequency rank r (0-based) in GloVe's vocabulary, which is sorted by corpus
 * frequency, through Zipf's law with exponent 1: p(r) = 1 / ((r + 1) · H_N), H_N ≈ ln N + γ the harmonic
 * number over the N source words. This overestimates the very top words a little ("the" ≈ 0.075 against
 * ~0.05 measured), which does not matter: SIF only needs the order of magnitude, and with a = 1e-3 the
 * weight crosses 0.5 near rank 75 ("the" 0.013, rank 1000 0.93, rank 10k 0.99). Stop words thus fade out
 * without a stop list. At fit time p is blended with the corpus's own frequencies, so words every
 * document repeats ("migration", "process") weigh less too.
 */
import { z } from 'zod';
import { IndexError } from '../../errors.js';
import { alternativeSpellings, hyphenParts, inflectionStems, tokenize } from './tokenize.js';
import type { WordVectors } from './vector-cache.js';

export const SIF_STATE_VERSION = 1;
export const DEFAULT_SIF_A = 1e-3;
/** Share of the corpus estimate in p(w); the rest is the Zipf prior. */
export const DEFAULT_CORPUS_WEIGHT = 0.5;

const sifStateSchema = z.object({
  version: z.literal(SIF_STATE_VERSION),
  a: z.number().positive(),
  /** First principal component of the corpus's unit sentence vectors; null before any fit. */
  component: z.array(z.number()).nullable(),
  /**
   * Corpus word counts blended into p(w). Words seen once are left out: in this ~15k-token corpus a
   * single occurrence moves a weight by ~3%, while keeping them would nearly double the state.
   */
  corpus: z
    .object({
      weight: z.number().min(0).max(1),
      tokens: z.number().int().nonnegative(),
      counts: z.record(z.string(), z.number()),
    })
    .nullable(),
});

/** JSON-serialisable; saved with the index and restored for queries. */
export type SifState = z.infer<typeof sifStateSchema>;

export function initialSifState(a = DEFAULT_SIF_A): SifState {
  return { version: SIF_STATE_VERSION, a, component: null, corpus: null };
}

/** Validates a state read back from an index; null/undefined means "not fitted". */
export function parseSifState(value: unknown, dims: number): SifState | null {
  if (value === null || value === undefined) return null;
  const parsed = sifStateSchema.safeParse(value);
  if (!parsed.success || (parsed.data.component && parsed.data.component.length !== dims)) {
    throw new IndexError(
      'INDEX_INCOMPATIBLE',
      'index: the saved SIF embedder state is not valid for this version; run `npm run ingest` to rebuild it',
    );
  }
  return parsed.data;
}

export function zipfProbability(rank: number, vocabularySize: number): number {
  const harmonic = Math.log(vocabularySize) + 0.5772156649 + 1 / (2 * vocabularySize);
  return 1 / ((rank + 1) * harmonic);
}

/** Turns text into a weighted sum of word vectors; caches each token's resolution and each row's weight. */
export class SifEncoder {
  private readonly rowsOfToken = new Map<string, readonly number[]>();
  private readonly counts: Map<string, number>;
  /**
   * weightOf per row, filled lazily (NaN = not yet). The weight costs a log and a Map lookup by word, and a
   * corpus reuses a few thousand rows millions of times: at 100k units this was ~0.5 s of ingest.
   */
  private weights: Float64Array | null = null;

  constructor(
    readonly vectors: WordVectors,
    readonly state: SifState,
  ) {
    this.counts = new Map(Object.entries(state.corpus?.counts ?? {}));
  }

  /**
   * Vocabulary rows for a token. Among the spellings of the same word ("organisations" /
   * "organizations", "co-operation" / "cooperation") the most frequent wins: its vector is the better
   * trained, and British and American spellings then embed alike. A missing word falls back to its
   * stems, then (compounds) to its parts.
   */
  rowsOf(token: string): readonly number[] {
    let rows = this.rowsOfToken.get(token);
    if (rows) return rows;
    const spellings = alternativeSpellings(token);
    let row = this.mostFrequent(spellings);
    if (row < 0) row = this.mostFrequent(spellings.flatMap(inflectionStems));
    if (row >= 0) rows = [row];
    else rows = token.includes('-') ? hyphenParts(token).flatMap((p) => this.rowsOf(p)) : [];
    if (this.rowsOfToken.size >= 100_000) this.rowsOfToken.clear(); // queries are unbounded; stay small
    this.rowsOfToken.set(token, rows);
    return rows;
  }

  /**
   * Every vocabulary row of a text, in order. Rows depend on the vocabulary only, not on the state, so a fit
   * resolves each text once and reuses the rows for counting, for the principal component and (through
   * local-embedder.ts) for embedding the same texts afterwards.
   */
  rowsOfText(text: string): Int32Array {
    const out: number[] = [];
    for (const token of tokenize(text)) for (const row of this.rowsOf(token)) out.push(row);
    return Int32Array.from(out);
  }

  /** The known form with the lowest frequency rank, or -1. */
  private mostFrequent(forms: readonly string[]): number {
    let best = -1;
    for (const form of forms) {
      const row = this.vectors.rowOfWord(form);
      if (row >= 0 && (best < 0 || this.vectors.rankAt(row) < this.vectors.rankAt(best))) best = row;
    }
    return best;
  }

  weightOf(row: number): number {
    const weights = (this.weights ??= new Float64Array(this.vectors.size).fill(Number.NaN));
    const cached = weights[row];
    if (cached === cached) return cached; // not NaN
    const zipf = zipfProbability(this.vectors.rankAt(row), this.vectors.sourceVocabularySize);
    const corpus = this.state.corpus;
    const p =
      corpus && corpus.tokens > 0
        ? (1 - corpus.weight) * zipf +
          (corpus.weight * (this.counts.get(this.vectors.wordAt(row)) ?? 0)) / corpus.tokens
        : zipf;
    const weight = this.state.a / (this.state.a + p);
    weights[row] = weight;
    return weight;
  }

  /**
   * The weighted sum of the rows resolved by rowsOfText (its scale is irrelevant: vectors are normalised),
   * or null if no word is known.
   */
  weightedSumOfRows(rows: ArrayLike<number>): Float64Array | null {
    if (rows.length === 0) return null;
    const acc = new Float64Array(this.vectors.dims);
    for (let i = 0; i < rows.length; i++) this.vectors.addTo(acc, rows[i], this.weightOf(rows[i]));
    return acc;
  }

  /** The SIF vector: unit length, common component removed; the fixed `noWordsVector` if no word is known. */
  embed(text: string): number[] {
    return this.embedRows(this.rowsOfText(text));
  }

  /** embed for rows already resolved by rowsOfText. */
  embedRows(rows: ArrayLike<number>): number[] {
    return this.finish(this.weightedSumOfRows(rows));
  }

  /**
   * The SIF vector from a weighted sum made with this state's weights (consumed: changed in place). Lets
   * ingest embed from the sums its fit already made (see fitSifStateWithSums).
   */
  finish(sum: Float64Array | null): number[] {
    if (sum) {
      removeComponent(sum, this.state.component);
      if (normalise(sum)) return Array.from(sum);
    }
    return noWordsVector(this.vectors.dims, this.state.component);
  }
}

/**
 * The vector for a text without a single known word (empty, numbers only, OCR noise). Not zero, which
 * would make cosine 0/0 = NaN; not the mean direction, which would pull such texts towards everything.
 * A fixed alternating ±1/√d direction: GloVe averages do not point that way (measured |cos| < 0.25 against
 * the corpus), all such texts are equal to each other, and it is deterministic.
 */
export function noWordsVector(dims: number, component: readonly number[] | null): number[] {
  const v = Float64Array.from({ length: dims }, (_, i) => (i % 2 === 0 ? 1 : -1));
  removeComponent(v, component);
  normalise(v);
  return Array.from(v);
}

function removeComponent(v: Float64Array, u: readonly number[] | null): void {
  if (!u) return;
  let dot = 0;
  for (let i = 0; i < v.length; i++) dot += v[i] * u[i];
  for (let i = 0; i < v.length; i++) v[i] -= dot * u[i];
}

/** Scales to unit length; false if the vector is (numerically) zero. */
function normalise(v: Float64Array): boolean {
  let sq = 0;
  for (const x of v) sq += x * x;
  const norm = Math.sqrt(sq);
  if (!(norm > 1e-9)) return false;
  for (let i = 0; i < v.length; i++) v[i] /= norm;
  return true;
}

export interface FitOptions {
  a?: number;
  corpusWeight?: number;
}

/**
 * Fits the state to the texts that will be indexed (corpus counts first, as they change the weights, then the
 * first principal component of the weighted averages), also returning each text's weighted sum (before the common component is removed), which is
 * exactly what embedding the same texts with the fitted state starts from: weights depend on `a` and the
 * corpus counts, not on the component. local-embedder.ts hands them to the embedder that follows, so ingest
 * tokenizes and sums each chunk once instead of three times (at 100k units: 14.5 s → ~7 s of embedding).
 * The principal component is accumulated as the sums come, so the normalised copies are never all held.
 */
export function fitSifStateWithSums(
  vectors: WordVectors,
  texts: readonly string[],
  options: FitOptions = {},
): { state: SifState; sums: (Float64Array | null)[] } {
  const state = initialSifState(options.a);
  const corpusWeight = options.corpusWeight ?? DEFAULT_CORPUS_WEIGHT;
  const resolver = new SifEncoder(vectors, state);
  // Rows depend on the vocabulary only; resolved once, they serve the counts and then the sums.
  const rows: (Int32Array | null)[] = texts.map((text) => resolver.rowsOfText(text));
  if (corpusWeight > 0) state.corpus = corpusCounts(vectors, rows as Int32Array[], corpusWeight);
  const encoder = new SifEncoder(vectors, state);
  const moment = new SecondMoment(vectors.dims);
  const scratch = new Float64Array(vectors.dims);
  const sums = rows.map((textRows, i) => {
    const sum = encoder.weightedSumOfRows(textRows as Int32Array);
    rows[i] = null; // let the rows go as soon as they are summed
    if (sum) {
      scratch.set(sum);
      if (normalise(scratch)) moment.add(scratch);
    }
    return sum;
  });
  state.component = moment.principalComponent();
  return { state, sums };
}

/** Whether two states weigh words alike (same `a`, same corpus counts), whatever their components. */
export function sameWeights(x: SifState, y: SifState): boolean {
  if (x.a !== y.a) return false;
  if (!x.corpus || !y.corpus) return x.corpus === y.corpus;
  if (x.corpus.weight !== y.corpus.weight || x.corpus.tokens !== y.corpus.tokens) return false;
  const xc = Object.keys(x.corpus.counts);
  if (xc.length !== Object.keys(y.corpus.counts).length) return false;
  return xc.every((word) => x.corpus!.counts[word] === y.corpus!.counts[word]);
}

function corpusCounts(
  vectors: WordVectors,
  rowsOfTexts: readonly Int32Array[],
  weight: number,
): NonNullable<SifState['corpus']> {
  const byRow = new Map<number, number>();
  let tokens = 0;
  for (const rows of rowsOfTexts) {
    for (const row of rows) byRow.set(row, (byRow.get(row) ?? 0) + 1);
    tokens += rows.length;
  }
  const counts: Record<string, number> = {};
  // Sorted so the same corpus always serialises to the same JSON.
  for (const [row, n] of [...byRow].sort((x, y) => x[0] - y[0])) if (n >= 2) counts[vectors.wordAt(row)] = n;
  return { weight, tokens, counts };
}

/** Σ x xᵀ and Σ x, accumulated one row at a time (the rows need not be kept). */
class SecondMoment {
  private readonly cov: Float64Array;
  private readonly mean: Float64Array;
  private count = 0;

  constructor(private readonly dims: number) {
    this.cov = new Float64Array(dims * dims);
    this.mean = new Float64Array(dims);
  }

  /**
   * Σ x xᵀ is symmetric: only the upper triangle is accumulated (mirrored at the end), half the multiply-adds
   * of what was the dominant cost of a fit (2.2 s of 9 at 100k units), with bit-identical sums.
   */
  add(x: Float64Array): void {
    const { dims, cov, mean } = this;
    for (let i = 0; i < dims; i++) {
      const xi = x[i];
      mean[i] += xi;
      const base = i * dims;
      for (let j = i; j < dims; j++) cov[base + j] += xi * x[j];
    }
    this.count++;
  }

  principalComponent(): number[] | null {
    const { dims, cov, mean } = this;
    if (this.count < 2) return null;
    for (let i = 0; i < dims; i++) for (let j = 0; j < i; j++) cov[i * dims + j] = cov[j * dims + i];
    let u = Float64Array.from(mean);
    if (!normalise(u)) return null;
    for (let iter = 0; iter < 1000; iter++) {
      const next = new Float64Array(dims);
      for (let i = 0; i < dims; i++) {
        let s = 0;
        for (let j = 0; j < dims; j++) s += cov[i * dims + j] * u[j];
        next[i] = s;
      }
      if (!normalise(next)) return null;
      let delta = 0;
      for (let i = 0; i < dims; i++) delta = Math.max(delta, Math.abs(next[i] - u[i]));
      u = next;
      if (delta < 1e-12) break;
    }
    let agree = 0;
    for (let i = 0; i < dims; i++) agree += u[i] * mean[i];
    return Array.from(u, (x) => (agree < 0 ? -x : x));
  }
}
