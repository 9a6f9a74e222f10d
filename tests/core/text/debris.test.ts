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
