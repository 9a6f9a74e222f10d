import { describe, expect, it } from 'vitest';
import { headingsOf } from '../../../server/answer/headings.js';
import { testUnit } from '../../support/small-index.js';

describe('headingsOf', () => {
  it('gives each prefix of each section path once, with the units under it in reading order', () => {
    const units = [
      testUnit('b', 'Second.', 'Return › Readmission agreements', 2),
      testUnit('a', 'First.', 'Return › Readmission agreements', 1),
      testUnit('c', 'Third.', 'Return', 3),
      testUnit('d', 'No heading.', '', 4),
    ];
    expect(headingsOf(units).map((h) => [h.path, h.units.map((u) => u.id)])).toEqual([
      ['Return', ['a', 'b', 'c']],
      ['Return › Readmission agreements', ['a', 'b']],
    ]);
  });
});
