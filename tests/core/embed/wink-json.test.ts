/**
 * @module tests/core/embed/wink-json
 * The streaming reader of the wink word-vector JSON on its own: which rows it keeps, how it quantises them,
 * that the chunk size never changes the result, and that a malformed source fails saying where.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWinkJson } from '../../../core/embed/local/wink-json.js';

let dir = '';
const file = (name: string) => path.join(dir, name);

// Three dimensions; each vector is [x0, x1, x2, l2norm, rank]. "Upper" and "a,b" are not tokenizer words.
const SOURCE = {
  precision: 8,
  l2NormIndex: 3,
  wordIndex: 4,
  size: 5,
  dimensions: 3,
  words: ['the', 'Upper', 'a,b', 'of', 'rare'],
  vectors: {
    the: [1.27, -0.635, 0, 1.4, 0],
    Upper: [1, 1, 1, 1.7, 1],
    'a,b': [1, 1, 1, 1.7, 2],
    of: [0, 0, 0, 0, 3],
    rare: [-2.54, 1.27, 0.5, 2.9, 4],
  },
  unkVector: [0, 0, 0, 0, -1],
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wink-json-'));
  await writeFile(file('source.json'), JSON.stringify(SOURCE, null, 1));
  await writeFile(file('broken.json'), '{"dimensions": 3, "vectors": {"the": [1, 2');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readWinkJson', () => {
  it('keeps the most frequent tokenizer words, with their ranks and per-row int8 scales', async () => {
    const read = await readWinkJson(file('source.json'), 2, 1 << 20);
    expect(read).toMatchObject({ dims: 3, sourceVocabularySize: 5, words: ['the', 'of'], ranks: [0, 3] });
    expect(read.scales[0]).toBeCloseTo(1.27 / 127, 10);
    expect([...read.rows.subarray(0, 3)]).toEqual([127, -63, 0]); // -63.5 rounds towards +∞;
    expect(read.scales[1]).toBe(0);
  });

  it.each([1, 7, 64])('reads the same with %i-byte chunks', async (chunkBytes) => {
    const whole = await readWinkJson(file('source.json'), 10, 1 << 20);
    const pieces = await readWinkJson(file('source.json'), 10, chunkBytes);
    expect(pieces).toEqual(whole);
    expect(whole.words).toEqual(['the', 'of', 'rare']);
  });

  it('rejects a truncated source, saying what it expected', async () => {
    await expect(readWinkJson(file('broken.json'), 10, 1 << 20)).rejects.toThrow(/^word vector source: /);
  });
});
