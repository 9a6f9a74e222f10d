import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../core/types.js';
import { answerFirst, answeringCoverage } from '../../../server/answer/answer-first.js';
import { specificStated } from '../../../server/answer/compose.js';
import type { AnswerKind, QueryPlan } from '../../../server/plan/types.js';
import { TermStatistics } from '../../../server/retrieve/term-stats.js';
import type { SearchHit } from '../../../server/retrieve/types.js';
import { answerPlan } from '../../support/reading.js';
import { smallIndex, testHit, testUnit } from '../../support/small-index.js';

const units: Unit[] = [
  testUnit('project', 'The project trained more than 1700 officials in four partner countries.', '', 0),
  testUnit('membership', 'The Budapest Process has enhanced its membership to 53 countries.', '', 1),
  testUnit('history', 'The Budapest Process began in Berlin.', '', 2),
  testUnit('definition', 'Today the Budapest Process is a state-led dialogue on migration.', '', 3),
];
const stats = new TermStatistics(smallIndex(units));
const hit = (id: string): SearchHit => testHit(units.find((u) => u.id === id)!);
const plan = (question: string, topic: string, answerKind: AnswerKind): QueryPlan =>
  answerPlan(question, topic, answerKind, stats);
const ids = (hits: SearchHit[]) => hits.map((h) => h.unit.id);
const countries = plan('How many countries are in the Budapest Process?', 'countries Budapest Process', 'count');

describe('answerFirst', () => {
  it('opens with the unit whose sentence holds the count and most of the question', () => {
    expect(ids(answerFirst([hit('project'), hit('membership'), hit('history')], countries))).toEqual([
      'membership',
      'project',
      'history',
    ]);
  });

  it.each([
    ['a question asking for no specific', plan('What is the Budapest Process?', 'Budapest Process', 'text')],
    ['a best unit that already answers', countries],
  ])('keeps the order for %s', (_, p) => {
    const given = p === countries ? [hit('membership'), hit('project')] : [hit('project'), hit('membership')];
    expect(ids(answerFirst(given, p))).toEqual(ids(given));
  });

  it('opens an overview with a unit that says what its subject is', () => {
    const overview = {
      ...plan('What is the Budapest Process?', 'Budapest Process', 'text'),
      intent: 'overview',
    } as QueryPlan;
    expect(ids(answerFirst([hit('history'), hit('membership'), hit('definition')], overview))).toEqual([
      'definition',
      'history',
      'membership',
    ]);
    expect(ids(answerFirst([hit('history'), hit('membership')], overview))).toEqual(['history', 'membership']);
  });

  it('scores a unit with no sentence holding the specific 0', () => {
    expect(answeringCoverage(hit('history'), countries)).toBe(0);
    expect(answeringCoverage(hit('membership'), countries)).toBe(1);
  });
});

describe('specificStated', () => {
  it.each([
    ['a count in a sentence about what was asked', ['membership'], true],
    // "more than 1700 officials" is a count, but not of what was asked.
    ['a count about something else', ['project', 'history'], false],
  ])('%s → %s', (_, cited, stated) => {
    expect(specificStated(countries, cited.map(hit))).toBe(stated);
  });

  it('holds for a unit the question named, whatever else its sentence says', () => {
    const named = { ...hit('project'), referenced: true };
    expect(specificStated(countries, [named])).toBe(true);
  });

  it('always holds for kinds no text can be checked for', () => {
    expect(specificStated(plan('Who chaired it?', 'chaired', 'body'), [hit('history')])).toBe(true);
  });
});
