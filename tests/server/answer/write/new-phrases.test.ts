import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newPhrases } from '../../../../server/answer/write/new-phrases.js';

const idf = (term: string) => term.length;

describe('newPhrases', () => {
  const earlier = ['Recognizing the necessity of efficient return and readmission policies for participating States'];

  it('gives the later text’s own phrases holding words no earlier text uses, verbatim', () => {
    const later =
      'Continue to develop and periodically review national and regional strategies and policies for the ' +
      'identification, protection, referral and reintegration of victims of trafficking.';
    const phrases = newPhrases(later, earlier, idf);
    expect(phrases).toContain('reintegration of victims of trafficking');
    for (const p of phrases) expect(later).toContain(p);
  });

  it.each([
    ['a phrase never crosses punctuation', 'border checks, visa rules; carrier fines', /[,;]/],
    ['nor ends on a connective', 'training of officers and', /\band$/],
  ])('%s', (_, later, never) => {
    for (const p of newPhrases(later, earlier, idf)) expect(p).not.toMatch(never);
  });

  it('reports each new word once, at most `max` phrases, and nothing when every word is old', () => {
    const later = 'biometric passports; biometric passports; machine readable documents; liaison officers';
    const phrases = newPhrases(later, earlier, idf, 2);
    expect(phrases).toHaveLength(2);
    expect(new Set(phrases).size).toBe(2);
    expect(newPhrases('readmission policies', earlier, idf)).toEqual([]);
  });

  it('needs two content words: a lone rare word is not a phrase', () => {
    expect(newPhrases('Periodically.', earlier, idf)).toEqual([]);
  });
});

describe('newPhrases on any text', () => {
  const words = fc.constantFrom(
    'visa',
    'return',
    'of',
    'and',
    'biometric',
    'passports',
    ',',
    ';',
    '.',
    'the',
    'Ré-entry',
    '(',
    ')',
  );
  const text = fc.array(words, { maxLength: 60 }).map((w) => w.join(' '));

  it('gives at most `max` phrases, each verbatim in the later text, none across punctuation', () => {
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 3 }), fc.integer({ min: 0, max: 5 }), (later, earlier, max) => {
        const phrases = newPhrases(later, earlier, (t) => t.length, max);
        expect(phrases.length).toBeLessThanOrEqual(max);
        for (const p of phrases) {
          expect(later).toContain(p);
          expect(p).not.toMatch(/[,;.()]/);
        }
      }),
    );
  });
});
