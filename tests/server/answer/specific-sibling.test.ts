import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../core/types.js';
import { specificStated } from '../../../server/answer/compose.js';
import { withSpecificSibling } from '../../../server/answer/specific-sibling.js';
import type { AnswerKind, QueryPlan } from '../../../server/plan/types.js';
import { TermStatistics } from '../../../server/retrieve/term-stats.js';
import type { SearchHit } from '../../../server/retrieve/types.js';
import { answerPlan } from '../../support/reading.js';
import { smallIndex, testHit, testUnit } from '../../support/small-index.js';

// Shaped like the 30-years publication's project pages: a line of dates, budget and donors under the project's
// heading, then paragraphs on what the project did.
const SECOND = 'Support to the Silk Routes Partnership - Silk Routes Il Project';
const THIRD = 'Improving Migration Management - Silk Routes III Project';
const units: Unit[] = [
  testUnit('second-1', '02.2014 - 04.2017 | 4.000.000 EUR | Funded by the European Union and Hungary', SECOND, 0),
  testUnit('second-2', 'This project was the first big step of the Silk Routes partnership project.', SECOND, 1),
  testUnit('third-1', '08.2017 - 04.2022 | 12.000.000 EUR | Funded by the European Union', THIRD, 2),
  testUnit('third-2', 'This project built on earlier Silk Routes initiatives and trained officials.', THIRD, 3),
  testUnit('other', 'A Migrant Resource Centre was opened in 2016 with 20 staff.', '', 4),
];
const stats = new TermStatistics(smallIndex(units));
const hit = (id: string): SearchHit => testHit(units.find((u) => u.id === id)!);
const plan = (question: string, topic: string, answerKind: AnswerKind): QueryPlan =>
  answerPlan(question, topic, answerKind, stats);
const ids = (hits: SearchHit[]) => hits.map((h) => h.unit.id);
const budget = plan('What was the budget of the Silk Routes II project?', 'budget Silk Routes II project', 'amount');
const MIN = 0.4;

describe('withSpecificSibling', () => {
  it('cites first the unit of the section that states the amount, read with its heading', () => {
    const found = withSpecificSibling([hit('second-2'), hit('third-2')], budget, units, MIN);
    expect(ids(found)).toEqual(['second-1', 'second-2', 'third-2']);
    expect(specificStated(budget, [hit('second-2')])).toBe(false);
    expect(specificStated(budget, found)).toBe(true);
  });

  it('moves a lower cited unit that states it ahead before looking further', () => {
    const third = plan('How much did the third Silk Routes project have?', 'Silk Routes III project', 'amount');
    const found = withSpecificSibling([hit('third-2'), hit('second-2'), hit('third-1')], third, units, MIN);
    expect(ids(found)).toEqual(['third-1', 'third-2', 'second-2']);
  });

  it.each([
    [
      'a question asking for no specific',
      plan('What did the Silk Routes II project do?', 'Silk Routes II project', 'text'),
    ],
    // A count is too loose to be read with a heading: any number before any word passes for one.
    ['a count', plan('How many Silk Routes II projects were there?', 'Silk Routes II projects', 'count')],
  ])('leaves the citations alone for %s', (_, p) => {
    expect(ids(withSpecificSibling([hit('second-2'), hit('third-2')], p, units, MIN))).toEqual(['second-2', 'third-2']);
  });

  it('leaves the citations alone when a best unit states the specific, or no section has it', () => {
    expect(ids(withSpecificSibling([hit('second-1'), hit('third-2')], budget, units, MIN))).toEqual([
      'second-1',
      'third-2',
    ]);
    const staff = plan('What was the budget of the resource centre?', 'budget resource centre', 'amount');
    expect(ids(withSpecificSibling([hit('other')], staff, units, MIN))).toEqual(['other']);
  });
});
