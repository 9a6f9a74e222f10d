/**
 * @module tests/core/text/sentences
 * Sentence spans are verbatim substrings, and full stops after abbreviations and list numbers do not
 * end sentences.
 */
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../core/text/sentences.js';

describe('splitSentences', () => {
  it.each([
    ['plain sentences', 'One. Two! Three?', ['One.', 'Two!', 'Three?']],
    [
      'abbreviations',
      'Activities i.a. include e.g. forgery. Next.',
      ['Activities i.a. include e.g. forgery.', 'Next.'],
    ],
    [
      'a recommendation number',
      'See recommendation No. 15 of 1987. Then more.',
      ['See recommendation No. 15 of 1987.', 'Then more.'],
    ],
    ['a title', 'Mr. Péter Boross organised it. It worked.', ['Mr. Péter Boross organised it.', 'It worked.']],
    [
      'lower-case continuation',
      'Car thefts etc.) and money laundering. Next.',
      ['Car thefts etc.) and money laundering.', 'Next.'],
    ],
    [
      'etc. closing a sentence',
      'Victims of trafficking, etc. The Chair spoke.',
      ['Victims of trafficking, etc.', 'The Chair spoke.'],
    ],
    ['a closing quote', 'It was called “the plan.” Then it began.', ['It was called “the plan.”', 'Then it began.']],
  ])('%s', (_name, text, expected) => {
    expect(splitSentences(text).map((s) => s.text)).toEqual(expected);
  });

  it('splits at semicolons only when asked for clauses', () => {
    const text = 'Recommend that States act; and that they report.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([text]);
    expect(splitSentences(text, { clauses: true }).map((s) => s.text)).toEqual([
      'Recommend that States act;',
      'and that they report.',
    ]);
  });

  it('returns exact spans of the input', () => {
    const text = '  First one.   Second one.\nThird.  ';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});
