import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../core/types.js';
import { SIBLING_OPTIONS, withSectionSiblings } from '../../../server/answer/section-siblings.js';
import { conceptsOf, TermStatistics } from '../../../server/retrieve/term-stats.js';
import type { SearchHit } from '../../../server/retrieve/types.js';
import { testReading } from '../../support/reading.js';
import { smallIndex, TEST_DOCUMENT, testUnit } from '../../support/small-index.js';

// A clause that heads its points, a heading over a group of recommendations, and a unit on its own.
const units: Unit[] = [
  {
    ...testUnit('clause-j', 'Partnerships will make migration a force for development, by:', '', 0),
    label: 'Clause (j)',
  },
  testUnit('clause-j.1', 'ensuring coherence between development and migration policies,', 'Clause (j)', 1),
  testUnit('clause-j.2', 'supporting diaspora investment in development of migration origin regions,', 'Clause (j)', 2),
  testUnit('clause-j.3', 'holding an annual meeting of the senior officials,', 'Clause (j)', 3),
  { ...testUnit('clause-k', 'The senior officials will meet each year, by:', '', 8), label: 'Clause (k)' },
  testUnit('clause-k.1', 'reviewing migration and development projects,', 'Clause (k)', 9),
  testUnit('clause-k.2', 'reviewing migration and development funding,', 'Clause (k)', 10),
  testUnit('clause-k.3', 'agreeing the agenda,', 'Clause (k)', 11),
  testUnit('rec-43', 'Technical assistance for border management of migration development.', 'Assistance', 4),
  testUnit('rec-44', 'Financial assistance through PHARE for migration and development projects.', 'Assistance', 5),
  testUnit('rec-45', 'Training of border guards.', 'Assistance', 6),
  testUnit('rec-60', 'Migration and development are linked.', '', 7),
];
const stats = new TermStatistics(smallIndex(units));
const inventory = { units, documents: [TEST_DOCUMENT] };
const hit = (id: string, score = 0.8): SearchHit => ({
  unit: units.find((u) => u.id === id)!,
  document: TEST_DOCUMENT,
  score,
  lexical: 1,
  vector: 0.5,
  referenced: false,
});
const reading = (topic: string) => testReading({ query: topic, topic, concepts: conceptsOf(topic, stats) });
const ids = (hits: SearchHit[]) => hits.map((h) => h.unit.id);

describe('withSectionSiblings', () => {
  it.each([
    [
      'a head on the topic brings all its points, which complete it',
      ['clause-j'],
      ['clause-j', 'clause-j.1', 'clause-j.2', 'clause-j.3'],
    ],
    [
      'a point under a head on the topic brings the head and all its fellows',
      ['clause-j.1'],
      ['clause-j.1', 'clause-j', 'clause-j.2', 'clause-j.3'],
    ],
    [
      'a head off the topic brings only its points on the topic',
      ['clause-k'],
      ['clause-k', 'clause-k.1', 'clause-k.2'],
    ],
    [
      'a point under a head off the topic brings its fellows on the topic, not its head',
      ['clause-k.1'],
      ['clause-k.1', 'clause-k.2'],
    ],
    ['a grouped recommendation brings the group’s others on the topic', ['rec-43'], ['rec-43', 'rec-44']],
    ['a unit outside any group brings nothing', ['rec-60'], ['rec-60']],
  ])('%s', (_, cited, expected) => {
    expect(
      ids(
        withSectionSiblings(
          cited.map((id) => hit(id)),
          reading('migration development'),
          inventory,
          stats,
        ),
      ),
    ).toEqual(expected);
  });

  it('never passes the cap, keeps the cited first, and gives added units the lowest cited score', () => {
    const out = withSectionSiblings(
      [hit('clause-j', 0.9), hit('rec-43', 0.6)],
      reading('migration development'),
      inventory,
      stats,
      {
        ...SIBLING_OPTIONS,
        maxCitations: 3,
      },
    );
    expect(ids(out)).toEqual(['clause-j', 'rec-43', 'clause-j.1']);
    expect(out[2].score).toBe(0.6);
  });

  it('adds nothing for a topic without concepts', () => {
    expect(ids(withSectionSiblings([hit('clause-j')], reading(''), inventory, stats))).toEqual(['clause-j']);
  });
});
