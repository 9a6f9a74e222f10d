/**
 * @module tests/core/embed/tokenize
 * Tokens and spelling variants as the GloVe vocabulary needs them.
 */
import { describe, expect, it } from 'vitest';
import {
  alternativeSpellings,
  foldDiacritics,
  hyphenParts,
  inflectionStems,
  tokenize,
} from '../../../core/embed/local/tokenize.js';

describe('tokenize', () => {
  it('lower-cases and splits on anything that is not a letter', () => {
    expect(tokenize('Recommendation 18: the States (Prague, 1997)!')).toEqual([
      'recommendation',
      'the',
      'states',
      'prague',
    ]);
    expect(tokenize("Member States' obligations")).toEqual(['member', 'states', 'obligations']);
  });

  it('keeps a hyphenated compound whole, with any Unicode hyphen made ASCII', () => {
    expect(tokenize('co-operation and re\u2010admission, non\u2011refoulement')).toEqual([
      'co-operation',
      'and',
      're-admission',
      'non-refoulement',
    ]);
    expect(hyphenParts('re-admission')).toEqual(['re', 'admission']);
    // A dash between spaces or a trailing hyphen is not a compound.
    expect(tokenize('border - management, pre- and post-arrival')).toEqual([
      'border',
      'management',
      'pre',
      'and',
      'post-arrival',
    ]);
  });

  it('keeps letters with diacritics and undoes PDF ligatures', () => {
    expect(tokenize('Türkiye and Péter Boross')).toEqual(['türkiye', 'and', 'péter', 'boross']);
    expect(tokenize('\ufb02ows of migrants')).toEqual(['flows', 'of', 'migrants']);
    expect(tokenize('Tu\u0308rkiye')).toEqual(['türkiye']); // decomposed input composes under NFKC
  });

  it('returns nothing for text without letters', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('1997 — 2023, 14-15 (§ 3)')).toEqual([]);
  });
});

describe('spelling variants', () => {
  it('folds diacritics, including letters that do not decompose', () => {
    expect(foldDiacritics('türkiye')).toBe('turkiye');
    expect(foldDiacritics('straße')).toBe('strasse');
    expect(foldDiacritics('łódź')).toBe('lodz');
  });

  it('lists other spellings of the same word, the word itself first', () => {
    expect(alternativeSpellings('türkiye')).toEqual(['türkiye', 'turkiye']);
    expect(alternativeSpellings('organisations')).toEqual(['organisations', 'organizations']);
    expect(alternativeSpellings('analysed')).toEqual(['analysed', 'analyzed']);
    expect(alternativeSpellings('co-operation')).toEqual(['co-operation', 'cooperation']);
    expect(alternativeSpellings('process')).toEqual(['process']); // not "-ss" → "-zs"
  });

  it('strips regular inflections for words the vocabulary lacks', () => {
    expect(inflectionStems('countries')).toContain('country');
    expect(inflectionStems('processes')).toContain('process');
    expect(inflectionStems('smuggled')).toContain('smuggle');
    expect(inflectionStems('harmonising')).toContain('harmonise');
    expect(inflectionStems('stopped')).toContain('stop');
    expect(inflectionStems('migrants')).toContain('migrant');
  });

  it('never yields duplicates, empty strings or the word itself as a stem', () => {
    for (const w of ['s', 'es', 'is', 'ies', 'ing', 'sing', 'migrants', 'co-operation', 'stresses']) {
      for (const v of [alternativeSpellings(w), inflectionStems(w)]) {
        expect(new Set(v).size).toBe(v.length);
        expect(v.every((x) => x.length > 0)).toBe(true);
      }
      expect(inflectionStems(w)).not.toContain(w);
    }
  });
});
