/**
 * @module tests/core/embed/sif
 * The offline SIF embedder on the real GloVe vectors: unit length, determinism, semantic sanity, the
 * effect of removing the common component, and the saved state.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_EMBEDDER_ID, LocalSifEmbedder } from '../../../core/embed/local/local-embedder.js';
import { noWordsVector, parseSifState, zipfProbability } from '../../../core/embed/local/sif.js';
import { loadConfig } from '../../../core/config.js';
import { IndexError } from '../../../core/errors.js';

const config = loadConfig({});

function cos(a: readonly number[], b: readonly number[]): number {
  return a.reduce((s, x, i) => s + x * b[i], 0);
}

/** Corpus sentences, roughly: enough for fitting and for "random sentence" statistics. */
function corpusSentences(): string[] {
  return readdirSync(config.corpusDir)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) =>
      readFileSync(path.join(config.corpusDir, f), 'utf8')
        .replace(/\s+/g, ' ')
        .split(/(?<=[.;])\s+/),
    )
    .filter((s) => s.length > 40);
}

/** Deterministic pseudo-random index pairs. */
function randomPairs(n: number, count: number): [number, number][] {
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % n;
  const pairs: [number, number][] = [];
  while (pairs.length < count) {
    const i = next();
    const j = next();
    if (i !== j) pairs.push([i, j]);
  }
  return pairs;
}

describe('LocalSifEmbedder', () => {
  let plain: LocalSifEmbedder;
  let fitted: LocalSifEmbedder;
  let sentences: string[];

  beforeAll(async () => {
    plain = await LocalSifEmbedder.open({ cacheDir: config.cacheDir });
    sentences = corpusSentences();
    fitted = plain.withState(plain.fit(sentences));
  });

  it('names itself and its width', () => {
    expect(plain.id).toBe(LOCAL_EMBEDDER_ID);
    expect(plain.dimensions).toBe(100);
  });

  it('returns unit vectors without NaN, also for texts without a known word', async () => {
    const texts = ['Recommendation 18 on carriers', 'the', '', '1997 — 14-15', 'zzqxv wqpz', sentences[0]];
    for (const e of [plain, fitted]) {
      for (const v of await e.embedDocuments(texts)) {
        expect(v).toHaveLength(100);
        expect(v.every(Number.isFinite)).toBe(true);
        expect(Math.hypot(...v)).toBeCloseTo(1, 9);
      }
    }
  });

  it('gives every text without known words the same fixed vector, far from real text', async () => {
    const empty = await fitted.embedQuery('');
    expect(await fitted.embedQuery('123 / 456')).toEqual(empty);
    expect(empty).toEqual(noWordsVector(100, fitted.state.component));
    const docs = await fitted.embedDocuments(sentences);
    expect(Math.max(...docs.map((d) => Math.abs(cos(d, empty))))).toBeLessThan(0.4);
  });

  it('is deterministic: same text, same vector; same corpus, same state', async () => {
    const again = await LocalSifEmbedder.open({
      cacheDir: config.cacheDir,
      state: JSON.parse(JSON.stringify(fitted.state)) as unknown,
    });
    const text = 'Strengthening co-operation on return and readmission with Türkiye';
    expect(await again.embedQuery(text)).toEqual(await fitted.embedQuery(text));
    expect(await fitted.embedDocuments([text, text])).toEqual([
      await fitted.embedQuery(text),
      await fitted.embedQuery(text),
    ]);
    expect(plain.fit(sentences)).toEqual(fitted.state);
  });

  it('places related words and phrases closer than unrelated ones', async () => {
    const sim = async (a: string, b: string) => cos(await fitted.embedQuery(a), await fitted.embedQuery(b));
    expect(await sim('airlines', 'carriers')).toBeGreaterThan(await sim('airlines', 'children'));
    expect(await sim('deportation', 'expulsion')).toBeGreaterThan(await sim('deportation', 'tourism'));
    expect(await sim('deportation', 'return')).toBeGreaterThan(await sim('deportation', 'children'));
    expect(await sim('smuggling of migrants', 'trafficking in human beings')).toBeGreaterThan(
      await sim('smuggling of migrants', 'climate change adaptation'),
    );
    expect(await sim('carrier sanctions', 'penalties for airlines')).toBeGreaterThan(
      await sim('carrier sanctions', 'child protection'),
    );
    expect(await sim('return of irregular migrants', 'deportation of illegal immigrants')).toBeGreaterThan(
      await sim('return of irregular migrants', 'training of border guards'),
    );
  });

  it('finds words through spelling variants, diacritics and compounds', async () => {
    const sim = async (a: string, b: string) => cos(await plain.embedQuery(a), await plain.embedQuery(b));
    expect(await sim('co-operation', 'cooperation')).toBeCloseTo(1, 9); // the more frequent spelling wins
    expect(await sim('organisations', 'organizations')).toBeCloseTo(1, 9);
    expect(await sim('criminalisation', 'criminalization')).toBeCloseTo(1, 9);
    expect(await sim('Türkiye', 'turkiye')).toBeCloseTo(1, 9); // only the folded form is in the vocabulary
    expect(await sim('regularisations', 'regularization')).toBeCloseTo(1, 9); // -ize form, then stem
    expect(await sim('anti-smugglingx', 'anti')).toBeCloseTo(1, 9); // unknown compound: its known parts
    const nothing = await plain.embedQuery('');
    expect(cos(await plain.embedQuery('Türkiye'), nothing)).toBeLessThan(0.5); // i.e. it was found
  });

  it('lowers the mean cosine between random corpus sentences by removing the common component', async () => {
    const withoutRemoval = fitted.withState({ ...fitted.state, component: null });
    const before = await withoutRemoval.embedDocuments(sentences);
    const after = await fitted.embedDocuments(sentences);
    const pairs = randomPairs(sentences.length, 2000);
    const mean = (vs: number[][]) => pairs.reduce((s, [i, j]) => s + cos(vs[i], vs[j]), 0) / pairs.length;
    expect(mean(before)).toBeGreaterThan(0.6);
    expect(mean(after)).toBeLessThan(mean(before) - 0.3);
    expect(Math.abs(mean(after))).toBeLessThan(0.2);
  });

  it('saves a small JSON state and refuses an invalid one', () => {
    const json = JSON.stringify(fitted.state);
    expect(json.length).toBeLessThan(64 * 1024);
    expect(fitted.state.component).toHaveLength(100);
    expect(Math.hypot(...fitted.state.component!)).toBeCloseTo(1, 9);
    expect(parseSifState(null, 100)).toBeNull();
    expect(() => parseSifState({ version: 99 }, 100)).toThrow(IndexError);
    expect(() => parseSifState({ ...fitted.state, component: [1, 0] }, 100)).toThrow(/rebuild/);
  });
});

describe('Zipf frequency estimate', () => {
  it('falls with rank and sums to about 1 over the vocabulary', () => {
    const n = 341_479;
    expect(zipfProbability(0, n)).toBeGreaterThan(zipfProbability(1, n));
    let total = 0;
    for (let r = 0; r < n; r++) total += zipfProbability(r, n);
    expect(total).toBeCloseTo(1, 3);
  });
});
