import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../core/types.js';
import { compilePhraseMatcher } from '../../../server/retrieve/glossary.js';
import { conceptsOf, coverage, proximity, TermStatistics } from '../../../server/retrieve/term-stats.js';
import { smallIndex, testUnit } from '../../support/small-index.js';

const unit = (id: string, text: string, section = '') => testUnit(id, text, section);

/** Term statistics over units, read from the lexical index built from them as ingest builds it. */
const statsOf = (units: Unit[]) => new TermStatistics(smallIndex(units));

describe('compilePhraseMatcher', () => {
  const match = compilePhraseMatcher({
    groups: [
      { terms: ['smugglers', 'people smugglers', 'trafficking in aliens'], why: 'a phrase' },
      { terms: ['returnees', 'return'], why: 'a stem' },
    ],
  });

  it('prefers the longest phrase and gives the other phrases of its group as equivalents', () => {
    const [m] = match(['peopl', 'smuggler', 'prison']);
    expect(m.terms).toEqual(['peopl', 'smuggler']);
    expect(m.equivalents).toEqual([['smuggler'], ['traffick', 'alien']]);
  });

  it('matches stems as given, without stemming them again', () => {
    // "returnees" stems to "returne"; stemming that again would give "return" and lose the group.
    const [m] = match(['returne']);
    expect(m.equivalents).toEqual([['return']]);
  });
});

describe('conceptsOf and coverage', () => {
  const stats = statsOf([
    unit('a', 'trafficking in aliens shall be punishable with imprisonment'),
    unit('b', 'people shall be informed of the penalties'),
    unit('c', 'visas and passports'),
  ]);

  it('makes a glossary phrase one concept, met by an equivalent', () => {
    const concepts = conceptsOf('penalties for people smugglers', stats);
    expect(concepts.map((c) => c.terms.join(' '))).toEqual(['penalti', 'peopl smuggler']);
    // Unit a says "trafficking in aliens": the smugglers concept is met although neither word is there.
    const smugglers = concepts.filter((c) => c.terms.length > 1);
    expect(coverage(smugglers, stats.termsOf('a'))).toBe(1);
    // Unit b has "people" alone: not the idea of people smugglers.
    expect(coverage(smugglers, stats.termsOf('b'))).toBe(0);
  });

  it('weighs a particle ("back", "up") lightly: alone it names nothing, though the corpus never uses it', () => {
    const concepts = conceptsOf('visas handed back', stats);
    const weight = (t: string) => concepts.find((c) => c.terms.join(' ') === t)?.weight ?? NaN;
    expect(weight('back')).toBeLessThanOrEqual(0.5);
    expect(weight('visa')).toBeGreaterThan(0.5);
    // A unit with the visas but not the particle still holds nearly all of the question.
    expect(
      coverage(
        concepts.filter((c) => c.terms[0] !== 'hand'),
        stats.termsOf('c'),
      ),
    ).toBeGreaterThan(0.7);
  });

  it.each([
    ['people who overstay their visas', 'peopl', true],
    ['individuals who help the police', 'individu', true],
    // ("persons that were trafficked" is the glossary phrase "persons trafficked", one concept.)
    ['persons that were smuggled', 'person', true],
    // Not defined by a clause: the word is what is asked about.
    ['people smuggled across borders', 'peopl', false],
    ['protection of trafficked persons', 'person', false],
    // The measure a "how …" question asks for is answered by a number, seldom by the word.
    ['how long can victims stay', 'long', true],
    ['how often did the group meet', 'often', true],
    ['long-term residents', 'long', false],
  ])(
    'weighs the generic noun a relative clause defines, or the measure asked for, lightly: %s',
    (topic, term, light) => {
      const concept = conceptsOf(topic, stats).find((c) => c.terms.includes(term));
      expect(concept).toBeDefined();
      expect((concept?.weight ?? 0) <= 0.5).toBe(light);
    },
  );
});

describe('proximity', () => {
  const filler = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
  const stats = statsOf([
    unit('near', `${filler} readmission agreements with transit countries ${filler}`),
    unit('far', `readmission ${filler} agreements ${filler} transit`),
  ]);
  const concepts = conceptsOf('readmission transit', stats);

  it('is the coverage of the best stretch of the text', () => {
    expect(coverage(concepts, stats.termsOf('near'))).toBe(1);
    expect(coverage(concepts, stats.termsOf('far'))).toBe(1);
    expect(proximity(concepts, stats, 'near', 10)).toBeCloseTo(1);
    expect(proximity(concepts, stats, 'far', 10)).toBeLessThan(1);
    expect(proximity(concepts, stats, 'far', 100)).toBeCloseTo(1);
  });

  it('is 0 for a unit without any of the concepts', () => {
    expect(proximity(conceptsOf('visa passport', stats), stats, 'near', 10)).toBe(0);
  });
});
