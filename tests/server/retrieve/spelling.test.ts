/**
 * @module tests/server/retrieve/spelling.test
 * Misspelt words are read as the documents' (or the glossary's) nearest word; real words, acronyms, short
 * words and words the documents use are left alone; without a vocabulary nothing is corrected.
 */
import { describe, expect, it } from 'vitest';
import { createSpellingCorrector } from '../../../server/retrieve/spelling.js';
import { TermStatistics } from '../../../server/retrieve/term-stats.js';
import { smallIndex, testUnit } from '../../support/small-index.js';

const texts = [
  'Sanctions against carriers transporting migrants without valid passports.',
  'Readmission agreements and the return of illegal migrants.',
  'Carriers should train their staff; sanctions apply to carriers.',
  'Migration and development; the migrants and their families.',
  'The Prague conference on asylum.',
];
const lexical = smallIndex(texts.map((text, i) => testUnit(`d:para-${i + 1}`, text, '', i)));
const stats = new TermStatistics(lexical);
/** A stand-in for the word vectors' vocabulary: real English words, some not in the documents. */
const DICTIONARY = new Set(['pact', 'capital', 'australia', 'carrier', 'prison', 'sanction', 'what', 'about']);
const correct = createSpellingCorrector(lexical, stats, (w) => DICTIONARY.has(w), ['prison', 'imprisonment']);

describe('createSpellingCorrector', () => {
  it.each([
    ['carrier sanctons', 'carrier sanctions', [{ from: 'sanctons', to: 'sanctions' }]],
    ['Readmision agreements', 'Readmission agreements', [{ from: 'Readmision', to: 'readmission' }]],
    ['passprots', 'passports', [{ from: 'passprots', to: 'passports' }]],
    ['migrnts', 'migrants', [{ from: 'migrnts', to: 'migrants' }]],
    ['prision sentences', 'prison sentences', [{ from: 'prision', to: 'prison' }]],
    ['carreirs', 'carriers', [{ from: 'carreirs', to: 'carriers' }]],
    ['Prauge asylum', 'Prague asylum', [{ from: 'Prauge', to: 'prague' }]],
    ['sanctoins', 'sanctions', [{ from: 'sanctoins', to: 'sanctions' }]],
  ])('%s → %s', (query, expected, corrections) => {
    const out = correct(query);
    expect(out.query).toBe(expected);
    expect(out.corrections).toEqual(corrections);
  });

  it.each([
    ['the EU pact', 'a real word the documents do not use'],
    ['capital of Australia', 'real words'],
    ['ICMPD and THBX', 'acronyms'],
    ['sanx', 'words under five letters'],
    ['carriers and sanctions', 'words the documents use'],
    ['xyzzyqq', 'no document word within reach'],
  ])('leaves "%s" alone (%s)', (query) => {
    expect(correct(query)).toEqual({ query, corrections: [] });
  });

  it('looks up at most 8 unknown words per query, however many it has', () => {
    const typos = 'bcdfghjklmnq'.split('').map((c) => `${c}assports`);
    const out = createSpellingCorrector(lexical, stats, (w) => DICTIONARY.has(w))(typos.join(' '));
    expect(out.corrections).toHaveLength(8);
    expect(out.corrections.every((c) => c.to === 'passports')).toBe(true);
    expect(out.query.split(' ').slice(8)).toEqual(typos.slice(8));
  });

  it('corrects nothing without a vocabulary to tell typos from words', () => {
    const none = createSpellingCorrector(lexical, stats, undefined, ['prison']);
    expect(none('carrier sanctons')).toEqual({ query: 'carrier sanctons', corrections: [] });
  });
});
