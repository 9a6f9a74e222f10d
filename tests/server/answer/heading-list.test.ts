import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../core/types.js';
import { unitsUnderHeading, withHeadingList } from '../../../server/answer/heading-list.js';
import { unitInventory } from '../../../server/answer/inventory.js';
import type { Intent, QueryPlan } from '../../../server/plan/types.js';
import { conceptsOf, TermStatistics } from '../../../server/retrieve/term-stats.js';
import type { SearchResult } from '../../../server/retrieve/types.js';
import { analyse } from '../../../core/text/terms.js';
import { smallIndex, TEST_DOCUMENT, testUnit } from '../../support/small-index.js';
import { testReading } from '../../support/reading.js';

// A history with a heading over one sub-heading per conference, and a section that mentions a conference.
const units: Unit[] = [
  testUnit('conf-intro', 'Ministers met every few years.', 'Ministerial conferences', 0),
  testUnit('berlin-1', 'Countries discuss measures.', 'Ministerial conferences › Berlin (1991)', 1),
  testUnit('berlin-2', 'A second paragraph on Berlin.', 'Ministerial conferences › Berlin (1991)', 2),
  testUnit('budapest-1', 'Official launch.', 'Ministerial conferences › Budapest (1993)', 3),
  testUnit('rhodes-1', 'States extend the scope.', 'Ministerial conferences › Rhodes (2003)', 4),
  testUnit('exp-1', 'Changes seen at the Rhodes conference.', 'Expansion at the Rhodes Ministerial Conference', 5),
  testUnit('exp-2', 'More states took part.', 'Expansion at the Rhodes Ministerial Conference', 6),
  testUnit('wg-1', 'Working group on return.', 'Working groups', 7),
  testUnit('wg-2', 'Working group on labour.', 'Working groups', 8),
];
const stats = new TermStatistics(smallIndex(units));
const plan = (topic: string, intent: Intent = 'enumeration'): QueryPlan => ({
  question: topic,
  standalone: topic,
  retrievalText: topic,
  intent,
  answerKind: 'list',
  scope: null,
  acrossDocuments: false,
  followUp: { carried: 'nothing' },
  reading: testReading({ query: topic, topic, topicTerms: analyse(topic), concepts: conceptsOf(topic, stats) }),
});
const ids = (list: Unit[] | null) => list?.map((u) => u.id) ?? null;

describe('unitsUnderHeading', () => {
  it.each([
    ['the ministerial conferences', ['berlin-1', 'budapest-1', 'rhodes-1']],
    ['working groups', ['wg-1', 'wg-2']],
    ['carrier sanctions', null],
  ])('list %s → %j', (topic, expected) => {
    expect(ids(unitsUnderHeading(plan(topic), units))).toEqual(expected);
  });

  it('lists the units of the kind the question names, under the heading that names its topic', () => {
    const section = 'Return and readmission agreements';
    const prague: Unit[] = [
      {
        ...testUnit('c-28', 'Noting that return needs co-operation.', `${section} › (a) Return`, 0),
        kind: 'consideration',
      },
      {
        ...testUnit('c-30', 'Appreciating readmission agreements.', `${section} › (b) Readmission agreements`, 1),
        kind: 'consideration',
      },
      {
        ...testUnit('r-24', 'Recommend that States readmit their nationals.', `${section} › (a) Return`, 2),
        kind: 'recommendation',
      },
      {
        ...testUnit(
          'r-33',
          'Recommend readmission agreements be concluded.',
          `${section} › (b) Readmission agreements`,
          3,
        ),
        kind: 'recommendation',
      },
      {
        ...testUnit('r-34', 'Recommend a standard format for them.', `${section} › (b) Readmission agreements`, 4),
        kind: 'recommendation',
      },
    ];
    const pragueStats = new TermStatistics(smallIndex(prague));
    const topic = 'the recommendations made about readmission agreements';
    const asked: QueryPlan = {
      ...plan(`list ${topic}`),
      reading: testReading({
        query: topic,
        topic,
        topicTerms: analyse(topic),
        concepts: conceptsOf(topic, pragueStats),
      }),
    };
    expect(ids(unitsUnderHeading(asked, prague))).toEqual(['r-33', 'r-34']);
  });

  it('lists only for a list question, or a timeline', () => {
    expect(unitsUnderHeading(plan('the ministerial conferences', 'summary'), units)).toBeNull();
  });

  it.each([
    // The details wanted of each item are not what is listed.
    ['the ministerial conferences, years, places, dates where known', ['berlin-1', 'budapest-1', 'rhodes-1']],
    // A heading whose items carry no year of their own is no timeline.
    ['working groups', null],
  ])('timeline of %s → %j', (topic, expected) => {
    expect(ids(unitsUnderHeading(plan(topic, 'timeline'), units))).toEqual(expected);
  });
});

describe('withHeadingList', () => {
  const result: SearchResult = {
    hits: [{ unit: units[5], document: TEST_DOCUMENT, score: 0.9, lexical: 3, vector: 0.5, referenced: false }],
    concepts: [],
    query: 'q',
    corrections: [],
    topic: 'q',
    scope: null,
    companions: [],
    reference: null,
    overview: false,
  };

  it('puts the items first, as named units, and keeps the rest after them', () => {
    const listed = withHeadingList(plan('the ministerial conferences'), result, unitInventory(units, [TEST_DOCUMENT]));
    expect(listed.hits.map((h) => h.unit.id)).toEqual(['berlin-1', 'budapest-1', 'rhodes-1', 'exp-1']);
    expect(listed.hits.slice(0, 3).every((h) => h.referenced)).toBe(true);
    expect(listed.reference?.id).toBe('berlin-1');
  });

  it('leaves a result alone when no heading names the topic', () => {
    expect(withHeadingList(plan('carrier sanctions'), result, unitInventory(units, [TEST_DOCUMENT]))).toBe(result);
  });
});
