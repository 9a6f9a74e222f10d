import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../core/types.js';
import type { QueryPlan } from '../../../server/plan/types.js';
import { withWholeGroup } from '../../../server/answer/whole-group.js';
import { TEST_DOCUMENT, testHit, testUnit } from '../../support/small-index.js';

// Five actions under one goal, two under another.
const units: Unit[] = [
  ...[1, 2, 3, 4, 5].map((n) => testUnit(`g6-${n}`, `Integration action ${n}.`, 'Priority Goal 6', n)),
  testUnit('g2-1', 'Legal migration action.', 'Priority Goal 2', 10),
  testUnit('g2-2', 'Another legal migration action.', 'Priority Goal 2', 11),
];
const inventory = { units, documents: [TEST_DOCUMENT] };
const hits = (...ids: string[]) => ids.map((id) => testHit(units.find((u) => u.id === id)!));
const plan = (question: string, intent: QueryPlan['intent'] = 'enumeration') => ({ question, intent }) as QueryPlan;
const ids = (list: ReturnType<typeof withWholeGroup>) => list.map((h) => h.unit.id);

describe('withWholeGroup', () => {
  it('completes the group most cited units sit in, in reading order, when every one is asked for', () => {
    const cited = hits('g6-4', 'g6-2', 'g6-5', 'g2-1');
    expect(ids(withWholeGroup(plan('list every action on integration'), cited, inventory))).toEqual([
      'g6-1',
      'g6-2',
      'g6-3',
      'g6-4',
      'g6-5',
      'g2-1',
    ]);
  });

  it('adds only units of the kinds already cited from the group', () => {
    const mixed: Unit[] = [
      {
        ...testUnit('c-30', 'Appreciating readmission agreements.', 'Readmission agreements', 0),
        kind: 'consideration',
      },
      ...[33, 34, 35, 36].map((n) => ({
        ...testUnit(`r-${n}`, `Recommend readmission ${n}.`, 'Readmission agreements', n),
        kind: 'recommendation' as const,
      })),
    ];
    const cited = ['r-33', 'r-34', 'r-36'].map((id) => testHit(mixed.find((u) => u.id === id)!));
    const listed = withWholeGroup(plan('list all the recommendations on readmission'), cited, { units: mixed });
    expect(ids(listed)).toEqual(['r-33', 'r-34', 'r-35', 'r-36']);
  });

  it.each([
    ['a list not asked for in full', plan('list the actions on integration'), hits('g6-4', 'g6-2', 'g6-5')],
    ['a summary', plan('summarise every action on integration', 'summary'), hits('g6-4', 'g6-2', 'g6-5')],
    ['too few in one group', plan('list every action on integration'), hits('g6-4', 'g2-1', 'g2-2', 'g6-1')],
  ])('leaves the cited units alone for %s', (_, asked, cited) => {
    expect(ids(withWholeGroup(asked, cited, inventory))).toEqual(ids(cited));
  });
});
