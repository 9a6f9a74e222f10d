import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findPhrase, isSeparable } from '../../../core/text/phrasal.js';

describe('findPhrase', () => {
  it.each([
    ['together', ['send', 'back', 'migrant'], ['send', 'back'], [0, 1]],
    ['split by one term', ['send', 'peopl', 'back'], ['send', 'back'], [0, 2]],
    ['split by two terms', ['lock', 'the', 'boss', 'up'], ['lock', 'up'], [0, 3]],
    ['"home" as an adverb, split', ['send', 'peopl', 'home'], ['send', 'home'], [0, 2]],
    ['not split by three terms', ['send', 'a', 'long', 'letter', 'back'], ['send', 'back'], null],
    ['a phrase without a particle is never split', ['traffick', 'in', 'alien'], ['traffick', 'alien'], null],
    ['a together occurrence before a split one', ['send', 'x', 'back', 'send', 'back'], ['send', 'back'], [3, 4]],
    ['absent', ['return', 'migrant'], ['send', 'back'], null],
    ['a longer phrase together', ['peopl', 'smuggl', 'net'], ['peopl', 'smuggl'], [0, 1]],
  ])('%s', (_name, terms, phrase, expected) => {
    expect(findPhrase(terms, phrase)).toEqual(expected);
  });

  it('skips positions it may not use', () => {
    expect(findPhrase(['send', 'back', 'send', 'back'], ['send', 'back'], (p) => p > 1)).toEqual([2, 3]);
  });

  it('finds only the phrase: its terms, in order, at most two apart', () => {
    const word = fc.constantFrom('send', 'back', 'up', 'lock', 'peopl', 'x');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), fc.array(word, { minLength: 1, maxLength: 3 }), (terms, phrase) => {
        const at = findPhrase(terms, phrase);
        if (at === null) return;
        expect(at.map((i) => terms[i])).toEqual(phrase);
        for (let k = 1; k < at.length; k++) expect(at[k] - at[k - 1]).toBeGreaterThanOrEqual(1);
        if (at.length > 1 && at[1] - at[0] > 1) {
          expect(isSeparable(phrase)).toBe(true);
          expect(at[1] - at[0]).toBeLessThanOrEqual(3);
        }
      }),
    );
  });
});
