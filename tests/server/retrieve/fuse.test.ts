import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuseRrf, fuseScores, fuseWeighted } from '../../../server/retrieve/fuse.js';

describe('fuseWeighted', () => {
  it('normalises each list by its best score before weighting', () => {
    const fused = fuseWeighted(
      [
        { id: 'a', score: 10 },
        { id: 'b', score: 5 },
      ],
      [
        { id: 'b', score: 0.8 },
        { id: 'c', score: 0.4 },
      ],
      0.5,
    );
    expect(fused.map((f) => f.id)).toEqual(['b', 'a', 'c']);
    expect(fused[0].score).toBeCloseTo(0.5 * 0.5 + 0.5 * 1);
  });

  it('with weight 1 ranks by the lexical list alone', () => {
    const fused = fuseScores('weighted', [{ id: 'x', score: 1 }], [{ id: 'y', score: 0.9 }], 1);
    expect(fused[0].id).toBe('x');
    expect(fused[1].score).toBe(0);
  });
});

describe('fusion invariants', () => {
  const list = fc.uniqueArray(
    fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e'), score: fc.double({ min: 0, max: 20, noNaN: true }) }),
    {
      selector: (s) => s.id,
    },
  );
  it.each([
    ['weighted', fuseWeighted],
    ['rrf', fuseRrf],
  ] as const)('%s: scores stay in [0, 1], sorted, every input id once', (_name, fuse) => {
    fc.assert(
      fc.property(list, list, fc.double({ min: 0, max: 1, noNaN: true }), (lex, vec, w) => {
        const fused = fuse(lex, vec, w);
        const ids = new Set([...lex, ...vec].map((s) => s.id));
        expect(fused.map((f) => f.id).sort()).toEqual([...ids].sort());
        for (let i = 1; i < fused.length; i++) expect(fused[i - 1].score).toBeGreaterThanOrEqual(fused[i].score);
        for (const f of fused) {
          expect(f.score).toBeGreaterThanOrEqual(0);
          expect(f.score).toBeLessThanOrEqual(1 + 1e-9);
        }
      }),
    );
  });
});
