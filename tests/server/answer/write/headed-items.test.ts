import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../../core/types.js';
import { headedItems, sharedHeading } from '../../../../server/answer/write/headed-items.js';
import { testHit, testUnit } from '../../../support/small-index.js';

// Paragraphs under a heading per conference, as the 30-years publication has them, and units with labels of
// their own.
const paragraph = (id: string, heading: string, n: number, order: number): Unit => ({
  ...testUnit(id, `Text of ${id}.`, `Ministerial conferences › ${heading}`, order),
  label: `${heading}, paragraph ${n}`,
});
const units: Unit[] = [
  paragraph('berlin-1', 'Berlin (1991)', 1, 0),
  paragraph('budapest-1', 'Budapest (1993)', 1, 1),
  paragraph('budapest-2', 'Budapest (1993)', 2, 2),
  paragraph('rhodes-1', 'Rhodes (2003)', 1, 3),
  {
    ...testUnit('rec-33', 'Recommend readmission agreements.', 'Return › (b) Readmission agreements', 4),
    label: 'Recommendation 33',
  },
  {
    ...testUnit('rec-34', 'Recommend a standard format.', 'Return › (b) Readmission agreements', 5),
    label: 'Recommendation 34',
  },
];
const hits = (...ids: string[]) => ids.map((id) => testHit(units.find((u) => u.id === id)!));
const summary = (ids: string[]) =>
  headedItems(hits(...ids)).map((item) => [item.name, item.hits.map((h) => h.unit.id)]);

describe('headedItems', () => {
  it.each([
    [
      'paragraphs under one heading are one item, named by the heading, in reading order',
      ['berlin-1', 'budapest-2', 'budapest-1', 'rhodes-1'],
      [
        ['Berlin (1991)', ['berlin-1']],
        ['Budapest (1993)', ['budapest-1', 'budapest-2']],
        ['Rhodes (2003)', ['rhodes-1']],
      ],
    ],
    [
      'units with labels of their own are items of their own',
      ['rec-33', 'rec-34'],
      [
        ['Recommendation 33', ['rec-33']],
        ['Recommendation 34', ['rec-34']],
      ],
    ],
  ])('%s', (_, ids, expected) => {
    expect(summary(ids)).toEqual(expected);
  });
});

describe('sharedHeading', () => {
  it.each([
    [['berlin-1', 'budapest-1', 'rhodes-1'], 'Ministerial conferences'],
    [['rec-33', 'rec-34'], '(b) Readmission agreements'],
    [['berlin-1'], null],
    [['berlin-1', 'rec-33'], null],
  ])('%j → %s', (ids, expected) => {
    expect(sharedHeading(headedItems(hits(...ids)))).toBe(expected);
  });
});
