/**
 * @module tests/core/index/top-k
 * topK is the head of a full sort (score descending, lower number first on ties), whatever the input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topK } from '../../../core/index/top-k.js';

describe('topK', () => {
  it('equals the first k of a full sort, ties to the lower item number', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }),
        fc.integer({ min: 0, max: 30 }),
        (scores, k) => {
          const items = scores.map((_, i) => i).reverse();
          const sorted = [...items].sort((a, b) => scores[b] - scores[a] || a - b);
          expect(topK(items, items.length, scores, k)).toEqual(sorted.slice(0, k));
        },
      ),
    );
  });

  it('reads only the first `count` items', () => {
    expect(topK([2, 0, 1], 2, [5, 1, 9], 3)).toEqual([2, 0]);
  });
});
