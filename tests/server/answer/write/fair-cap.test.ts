import { describe, expect, it } from 'vitest';
import { capFairly } from '../../../../server/answer/write/fair-cap.js';
import type { SearchHit } from '../../../../server/retrieve/types.js';
import { TEST_DOCUMENT, testUnit } from '../../../support/small-index.js';

// "a1" is a unit of document a; hits are given best first.
const hit = (id: string): SearchHit => ({
  unit: { ...testUnit(id, `text of ${id}`, '', 0), documentId: id.slice(0, 1) },
  document: TEST_DOCUMENT,
  score: 1,
  lexical: 1,
  vector: 1,
  referenced: false,
});
const ids = (hits: readonly SearchHit[]) => hits.map((h) => h.unit.id);

describe('capFairly', () => {
  it.each([
    ['under the cap, everything, in order', ['a1', 'b1', 'a2'], 5, ['a1', 'b1', 'a2'], []],
    ['the only unit of a late document is kept', ['a1', 'a2', 'a3', 'b1'], 3, ['a1', 'a2', 'b1'], ['a3']],
    [
      'each document first, then the best of the rest',
      ['a1', 'a2', 'a3', 'b1', 'c1', 'b2'],
      4,
      ['a1', 'a2', 'b1', 'c1'],
      ['a3', 'b2'],
    ],
    ['more documents than room: the best documents', ['a1', 'b1', 'c1', 'd1'], 2, ['a1', 'b1'], ['c1', 'd1']],
  ])('%s', (_, given, max, shown, more) => {
    const out = capFairly(given.map(hit), max);
    expect(ids(out.shown)).toEqual(shown);
    expect(ids(out.more)).toEqual(more);
  });
});
