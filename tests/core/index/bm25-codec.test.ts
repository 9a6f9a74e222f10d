/**
 * @module tests/core/index/bm25-codec
 * The lexical index survives the disk unchanged, and a damaged file is refused with INDEX_CORRUPT.
 */
import { describe, expect, it } from 'vitest';
import { buildBm25Data } from '../../../core/index/bm25.js';
import { decodeBm25, encodeBm25 } from '../../../core/index/bm25-codec.js';
import { tokenize, toTerm } from '../../../core/text/terms.js';
import { IndexError } from '../../../core/errors.js';

const data = buildBm25Data(
  [
    { id: 'd:1', group: 'd', fields: { text: 'Sanctions against carriers', title: 'Prague' } },
    { id: 'd:2', group: 'd', fields: { text: 'Return and readmission of illegal migrants', title: 'Prague' } },
    { id: 'e:1', group: 'e', fields: { text: 'Türkiye and the carriers, carriers again', title: '' } },
  ],
  { fields: ['text', 'title'], forwardFields: ['text'], sequenceField: 'text' },
  { tokenize, toTerm },
);

describe('bm25 codec', () => {
  it('round-trips every field and array', () => {
    const decoded = decodeBm25(encodeBm25(data));
    expect(decoded).toEqual(data);
  });

  it('reads a file whose buffer starts at an unaligned offset', () => {
    const encoded = encodeBm25(data);
    const shifted = Buffer.alloc(encoded.length + 1);
    encoded.copy(shifted, 1);
    expect(decodeBm25(shifted.subarray(1))).toEqual(data);
  });

  it.each([
    ['an empty file', () => Buffer.alloc(0)],
    ['another format', () => Buffer.from('{"documentCount": 3}')],
    ['a truncated file', () => encodeBm25(data).subarray(0, 60)],
    ['a cut-off array', () => encodeBm25(data).subarray(0, encodeBm25(data).length - 8)],
    [
      'a newer codec version',
      () => {
        const b = Buffer.from(encodeBm25(data));
        b.writeUInt32LE(99, 4);
        return b;
      },
    ],
  ])('refuses %s with INDEX_CORRUPT', (_name, file) => {
    let error: unknown;
    try {
      decodeBm25(file());
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(IndexError);
    expect((error as IndexError).code).toBe('INDEX_CORRUPT');
    expect((error as IndexError).message).toMatch(/^bm25-codec: /);
  });
});
