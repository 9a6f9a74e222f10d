import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoised } from '../../core/memo.js';

describe('memoised', () => {
  it('computes a kept key once', () => {
    const calls: string[] = [];
    const length = memoised((key) => (calls.push(key), key.length), 2);
    expect([length('ab'), length('ab'), length('abc')]).toEqual([2, 2, 3]);
    expect(calls).toEqual(['ab', 'abc']);
  });

  it('drops the oldest kept key when full', () => {
    const calls: string[] = [];
    const upper = memoised((key) => (calls.push(key), key.toUpperCase()), 2);
    ['a', 'b', 'c', 'b', 'a'].forEach((key) => upper(key));
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });

  it('answers as the function does, whatever the keys and the size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 3 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        (keys, max) => {
          const reverse = (key: string) => [...key].reverse().join('');
          const kept = memoised(reverse, max);
          for (const key of keys) expect(kept(key)).toBe(reverse(key));
        },
      ),
    );
  });
});
