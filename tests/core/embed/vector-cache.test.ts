/**
 * @module tests/core/embed/vector-cache
 * The binary word-vector cache: conversion from the wink JSON (on a small fixture in the same format,
 * and on the real package, converted once into the shared .cache/), loading speed and fidelity.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  convertWordVectors,
  defaultSourcePath,
  ensureVectorCache,
  readVectorCache,
  vectorCachePath,
} from '../../../core/embed/local/vector-cache.js';
import { loadConfig } from '../../../core/config.js';
import { ConfigError } from '../../../core/errors.js';

/** Writes a file in the wink format: header fields, words, vectors {word: [x…, norm, rank]}, unkVector. */
async function writeWinkFixture(file: string, entries: [string, number[]][], order?: number[]): Promise<void> {
  const dims = entries[0][1].length;
  const vectors: Record<string, number[]> = {};
  for (const i of order ?? entries.map((_, k) => k)) {
    const [word, v] = entries[i];
    vectors[word] = [...v, Math.hypot(...v), i];
  }
  const body = {
    precision: 8,
    l2NormIndex: dims,
    wordIndex: dims + 1,
    size: entries.length,
    dimensions: dims,
    words: entries.map(([w]) => w),
    vectors,
    unkVector: [...new Array<number>(dims).fill(0), -1],
  };
  await writeFile(file, JSON.stringify(body, null, 1)); // pretty: whitespace between every token
}

const FIXTURE: [string, number[]][] = [
  ['the', [0.5, -0.25, 3.0243, 0.001]],
  [',', [1, 1, 1, 1]],
  ['of', [-0.1, 0.2, -0.3, 0.4]],
  ['1997', [9, 9, 9, 9]],
  ['co-operation', [0.3, 0.3, -0.3, 0.3]],
  ['Upper', [7, 7, 7, 7]],
  ['say "hi"', [6, 6, 6, 6]],
  ['café', [0.01, -0.02, 0.03, -0.04]],
  ['zero', [0, 0, 0, 0]],
  ['migration', [-1.5, 2.5, 0.75, -0.125]],
  ['rare', [0.9, 0.8, 0.7, 0.6]],
];
const KEPT = ['the', 'of', 'co-operation', 'café', 'zero', 'migration', 'rare'];

describe('vector cache conversion (fixture in the wink format)', () => {
  let dir: string;
  let source: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vector-cache-'));
    source = path.join(dir, 'fixture.json');
    await writeWinkFixture(source, FIXTURE);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps only tokenizer-reachable words, in frequency order, with their source ranks', async () => {
    const target = path.join(dir, 'a.bin');
    await convertWordVectors(source, target, 100);
    const v = readVectorCache(target);
    expect(v.dims).toBe(4);
    expect(v.sourceVocabularySize).toBe(FIXTURE.length);
    expect(Array.from({ length: v.size }, (_, r) => v.wordAt(r))).toEqual(KEPT);
    expect(v.rankAt(v.rowOfWord('migration'))).toBe(9);
    expect(v.rowOfWord('Upper')).toBe(-1);
    expect(v.rowOfWord('1997')).toBe(-1);
    expect(v.rowOfWord('absent')).toBe(-1);
  });

  it('round-trips every value within half a quantisation step', async () => {
    const target = path.join(dir, 'b.bin');
    await convertWordVectors(source, target, 100);
    const v = readVectorCache(target);
    for (const [word, x] of FIXTURE.filter(([w]) => KEPT.includes(w))) {
      const step = Math.max(...x.map(Math.abs)) / 127;
      const got = Array.from(v.vector(word)!);
      got.forEach((g, d) => expect(Math.abs(g - x[d])).toBeLessThanOrEqual(step / 2 + 1e-6));
    }
    expect(Array.from(v.vector('zero')!)).toEqual([0, 0, 0, 0]);
  });

  it('cuts the vocabulary at the most frequent words even when the source is not in rank order', async () => {
    const shuffled = path.join(dir, 'shuffled.json');
    await writeWinkFixture(shuffled, FIXTURE, [10, 4, 0, 9, 2, 1, 3, 5, 6, 7, 8]);
    const target = path.join(dir, 'c.bin');
    await convertWordVectors(shuffled, target, 3);
    const v = readVectorCache(target);
    expect(Array.from({ length: v.size }, (_, r) => v.wordAt(r))).toEqual(['the', 'of', 'co-operation']);
  });

  it('parses the same when every token straddles a read-chunk boundary', async () => {
    const small = path.join(dir, 'd.bin');
    const large = path.join(dir, 'e.bin');
    await convertWordVectors(source, small, 100, 7);
    await convertWordVectors(source, large, 100);
    const a = readVectorCache(small);
    const b = readVectorCache(large);
    for (const w of KEPT) expect(Array.from(a.vector(w)!)).toEqual(Array.from(b.vector(w)!));
  });

  it('rejects a source that is not in the wink format', async () => {
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, '{"dimensions": 4, "vectors": {"the": [1, 2]}}');
    await expect(convertWordVectors(bad, path.join(dir, 'bad.bin'), 10)).rejects.toThrow(/word vector source/);
    await writeFile(
      bad,
      '{"precision":8,"l2NormIndex":4,"wordIndex":5,"size":1,"dimensions":4,"words":["the"],"vectors":{"the":[1,2,3',
    );
    await expect(convertWordVectors(bad, path.join(dir, 'bad.bin'), 10)).rejects.toThrow(/word vector source/);
  });

  it('converts once: a second open reads only the cache, not the source', async () => {
    const cacheDir = path.join(dir, 'cache-once');
    const source = path.join(dir, 'once.json');
    await writeWinkFixture(source, FIXTURE);
    const messages: string[] = [];
    const file = await ensureVectorCache({
      cacheDir,
      sourcePath: source,
      vocabularySize: 100,
      onProgress: (m) => messages.push(m),
    });
    expect(messages.length).toBe(2);
    const before = await stat(file);

    // Same size, unparseable content: any attempt to read the source would now fail.
    await writeFile(source, 'x'.repeat((await stat(source)).size));
    const again = await ensureVectorCache({
      cacheDir,
      sourcePath: source,
      vocabularySize: 100,
      onProgress: (m) => messages.push(m),
    });
    expect(again).toBe(file);
    expect(messages.length).toBe(2);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    // …and with the source gone altogether.
    await expect(
      ensureVectorCache({ cacheDir, sourcePath: path.join(dir, 'missing.json'), vocabularySize: 100 }),
    ).resolves.toBe(file);
  });

  it('explains a failed conversion as a ConfigError, leaving no temp file', async () => {
    const cacheDir = path.join(dir, 'cache-fail');
    await expect(ensureVectorCache({ cacheDir, sourcePath: path.join(dir, 'missing.json') })).rejects.toThrow(
      /cannot build the word vector cache/,
    );
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{"precision":8,"l2NormIndex":4,"wordIndex":5,"size":1,"dimensions":4,"words":[');
    await expect(ensureVectorCache({ cacheDir, sourcePath: broken })).rejects.toBeInstanceOf(ConfigError);
    expect(await readdir(path.join(cacheDir, 'embeddings')).catch(() => [])).toEqual([]);
  });

  it('converts again when the cache is truncated or the source changed size', async () => {
    const cacheDir = path.join(dir, 'cache-redo');
    const source = path.join(dir, 'redo.json');
    await writeWinkFixture(source, FIXTURE);
    const opts = { cacheDir, sourcePath: source, vocabularySize: 100 };
    const file = await ensureVectorCache(opts);
    const size = (await stat(file)).size;
    await truncate(file, size - 10);
    expect(() => readVectorCache(file)).toThrow(/truncated/);
    const messages: string[] = [];
    await ensureVectorCache({ ...opts, onProgress: (m) => messages.push(m) });
    expect(messages[0]).toMatch(/unusable/);
    expect((await stat(file)).size).toBe(size);

    await writeWinkFixture(source, [...FIXTURE, ['extra', [1, 2, 3, 4]]]);
    messages.length = 0;
    await ensureVectorCache({ ...opts, onProgress: (m) => messages.push(m) });
    expect(messages[0]).toMatch(/source changed/);
    expect(readVectorCache(file).rowOfWord('extra')).toBeGreaterThanOrEqual(0);
  });

  it('survives two converters racing: one valid file, no temp files left', async () => {
    const cacheDir = path.join(dir, 'cache-race');
    const opts = { cacheDir, sourcePath: source, vocabularySize: 100 };
    const [a, b] = await Promise.all([ensureVectorCache(opts), ensureVectorCache(opts)]);
    expect(a).toBe(b);
    expect(readVectorCache(a).size).toBe(KEPT.length);
    expect(await readdir(path.dirname(a))).toEqual([path.basename(a)]);
  });
});

/** Streams the real JSON once and returns the raw vectors of `words` (the key form `"word":[` is unique to "vectors"). */
async function sourceVectors(file: string, words: string[]): Promise<Map<string, number[]>> {
  const found = new Map<string, number[]>();
  let carry = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 22 })) {
    const text = carry + (chunk as string);
    for (const w of words) {
      if (found.has(w)) continue;
      const at = text.indexOf(`"${w}":[`);
      const end = at < 0 ? -1 : text.indexOf(']', at);
      if (end >= 0)
        found.set(
          w,
          text
            .slice(at + w.length + 4, end)
            .split(',')
            .map(Number)
            .slice(0, -2),
        );
    }
    if (found.size === words.length) break;
    carry = text.slice(-4096);
  }
  return found;
}

describe('the real word vector cache (shared .cache/, converted once)', () => {
  const cacheDir = loadConfig({}).cacheDir;
  let file: string;

  beforeAll(async () => {
    file = await ensureVectorCache({ cacheDir });
  });

  it('exists where the config says and is compact', async () => {
    expect(file).toBe(vectorCachePath(cacheDir));
    expect((await stat(file)).size).toBeLessThan(30 * 1024 * 1024);
  });

  it('opens again without touching the source JSON', async () => {
    const before = (await stat(file)).mtimeMs;
    const messages: string[] = [];
    await ensureVectorCache({ cacheDir, sourcePath: '/nonexistent/wink.json', onProgress: (m) => messages.push(m) });
    expect(messages).toEqual([]);
    expect((await stat(file)).mtimeMs).toBe(before);
  });

  it('loads in well under 500 ms', () => {
    readVectorCache(file); // warm the page cache, as a restarted server would find it
    const t0 = performance.now();
    const v = readVectorCache(file);
    const ms = performance.now() - t0;
    expect(v.size).toBe(200_000);
    expect(v.dims).toBe(100);
    expect(ms).toBeLessThan(500);
  });

  it('matches the JSON values within quantisation error', async () => {
    const words = ['the', 'migration', 'deportation', 'carriers', 'turkiye', 'co-operation'];
    const expected = await sourceVectors(defaultSourcePath()!, words);
    const v = readVectorCache(file);
    for (const w of words) {
      const x = expected.get(w)!;
      expect(x).toHaveLength(100);
      const got = Array.from(v.vector(w)!);
      const step = Math.max(...x.map(Math.abs)) / 127;
      got.forEach((g, d) => expect(Math.abs(g - x[d])).toBeLessThanOrEqual(step / 2 + 1e-6));
      const dot = got.reduce((s, g, d) => s + g * x[d], 0);
      expect(dot / (Math.hypot(...got) * Math.hypot(...x))).toBeGreaterThan(0.9999);
    }
  });
});
