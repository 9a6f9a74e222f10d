import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { debrisSpans } from '../../../core/text/debris.js';

const debrisOf = (text: string) => debrisSpans(text).map((s) => text.slice(s.start, s.end));

describe('debrisSpans', () => {
  it.each([
    [
      'the Community of Law Enforcement Practitioners (COLEP) TA??E{E%{JSD&AIBE%FTLEEHE&%FSEEQAEIT%&DT with ten',
      ['TA??E{E%{JSD&AIBE%FTLEEHE&%FSEEQAEIT%&DT'],
    ],
    ['a new Working Group structure o — P 3 oo with a shift', ['o — P 3 oo']],
    ['the achievements of the 2013 tarve X s X e dialogue', ['X s X e']],
    ['WG 2: Return and Reintegration - co-chaired by Bangladesh and Türkiye;', []],
    ['In 2019, the EU and the UN met in Istanbul (Türkiye). Is it so? It is.', []],
    ['Recommend that States (i) ratify and (ii) implement the Protocol;', []],
    // Stray letters and symbols are debris on their own; a word or a list label is not.
    ['Chaired by Sweden, the o s Reference Group supported the Chairmanship c in the preparations', ['o s', 'c']],
    ['China, India, & = Iran, Irag, and Pakistan were invited', ['& =']],
    ['I think a State (b) may | as table bars - and dashes', []],
    // Image text in capitals inside running text.
    ['the concluding POLISH BORDER GUARD HEADQUARTERS § ICMPD 4', ['POLISH BORDER GUARD HEADQUARTERS §']],
    ['the EU and UNHCR and the IOM met', []],
    // A photo caption (place, country, date) read into the text; prose dates a place with a preposition.
    [
      'the USA being present. Perth, Austali, 314 My 2004 The statements at the conference',
      ['Perth, Austali, 314 My 2004'],
    ],
    ['Koszalin, Poland, 10 - 11 May 2000.', ['Koszalin, Poland, 10 - 11 May 2000.']],
    ['a meeting held in Perth, Australia, on 3-4 May 2004 and in Vienna', []],
    ['Meeting held in Koszalin, Poland 10-11 May 2000.', []],
    // Letters round digits in one token are image text; ordinals, ranges and an acronym misread are not.
    ['a Silk Routes Partnership for ERRLFrar2e Migration', ['ERRLFrar2e']],
    // A page number after a stray letter is part of the debris; a number after a word is not.
    ['agreed upon: 1. 2. v 16 promote legal migration', ['v 16']],
    ['the 16 countries and WG 2 met', []],
    ['the 1st meeting, COVID-19, the plan 2019-2024 and the (I0M).', []],
  ])('%s', (text, expected) => expect(debrisOf(text)).toEqual(expected));

  it('gives spans inside the text, in order, never overlapping', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        let last = 0;
        for (const s of debrisSpans(text)) {
          expect(s.start).toBeGreaterThanOrEqual(last);
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.end).toBeLessThanOrEqual(text.length);
          last = s.end;
        }
      }),
    );
  });
});
