import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../core/types.js';
import { operativeFirst } from '../../../server/answer/operative-first.js';
import { conceptsOf, coverage, TermStatistics } from '../../../server/retrieve/term-stats.js';
import type { SearchHit } from '../../../server/retrieve/types.js';
import { smallIndex, TEST_DOCUMENT, testUnit } from '../../support/small-index.js';

const units: Unit[] = [
  {
    ...testUnit(
      'consideration-4',
      'Noting that trafficking includes fraudulent documents and illegal employment;',
      '',
      0,
    ),
    kind: 'consideration',
  },
  {
    ...testUnit('rec-10', 'Recommend sanctions against the use of fraudulent documents;', '', 1),
    kind: 'recommendation',
  },
  { ...testUnit('rec-11', 'Recommend sanctions against illegal employment;', '', 2), kind: 'recommendation' },
];
const stats = new TermStatistics(smallIndex(units));
const hit = (id: string, referenced = false): SearchHit => ({
  unit: units.find((u) => u.id === id)!,
  document: TEST_DOCUMENT,
  score: 1,
  lexical: 1,
  vector: 0.5,
  referenced,
});
const ids = (hits: SearchHit[]) => hits.map((h) => h.unit.id);

// The share of a topic's concepts a unit holds, as the answer composer measures it.
const holdsOf = (topic: string) => (id: string) => coverage(conceptsOf(topic, stats), stats.termsOf(id));

describe('operativeFirst', () => {
  it.each([
    [
      'a recommendation holding as much of the question opens',
      'fraudulent documents',
      ['consideration-4', 'rec-10'],
      ['rec-10', 'consideration-4'],
    ],
    [
      'one holding less does not',
      'fraudulent documents employment',
      ['consideration-4', 'rec-10'],
      ['consideration-4', 'rec-10'],
    ],
    [
      'an operative unit first stays first',
      'illegal employment',
      ['rec-11', 'consideration-4'],
      ['rec-11', 'consideration-4'],
    ],
  ])('%s', (_, topic, cited, expected) => {
    expect(
      ids(
        operativeFirst(
          cited.map((id) => hit(id)),
          holdsOf(topic),
        ),
      ),
    ).toEqual(expected);
  });

  it('keeps a unit the question named first', () => {
    const cited = [hit('consideration-4', true), hit('rec-10')];
    expect(ids(operativeFirst(cited, holdsOf('fraudulent documents')))).toEqual(['consideration-4', 'rec-10']);
  });
});
