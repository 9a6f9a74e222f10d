import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../core/types.js';
import { statesAskedSpecific } from '../../../server/answer/stated-specific.js';
import type { AnswerKind } from '../../../server/plan/types.js';
import { TermStatistics } from '../../../server/retrieve/term-stats.js';
import { answerPlan } from '../../support/reading.js';
import { smallIndex, testHit, testUnit } from '../../support/small-index.js';

const units: Unit[] = [
  testUnit('visa', 'Visas should expire at least 30 days before the travel document of the holder expires.', '', 0),
  testUnit('manual', 'The Common Manual on external border checks was adopted by the Council in 1996.', '', 1),
  testUnit('group', 'The Reference Group meets regularly and prepares the ministerial conferences.', '', 2),
  testUnit('chair', 'The meeting was chaired by Austria, which held the Presidency of the Council.', '', 3),
  // The heading dates its paragraphs.
  testUnit('launch', 'Official launch of the Budapest Process.', 'Budapest, Hungary (1993)', 4),
  testUnit('met', 'This Working Group met over ten times from 1992 to 1993.', '', 5),
];
const stats = new TermStatistics(smallIndex(units));
const hit = (id: string) => testHit(units.find((u) => u.id === id)!);
const plan = (question: string, topic: string, kind: AnswerKind) => answerPlan(question, topic, kind, stats);

describe('statesAskedSpecific', () => {
  it.each([
    [
      'a period beside the travel document',
      'visa',
      plan('How long before the travel document expires should a visa expire?', 'visa expire travel document', 'date'),
    ],
    [
      'a year beside the manual',
      'manual',
      plan('When was the manual on border checks adopted?', 'manual border checks adopted', 'date'),
    ],
    ['a named chair', 'chair', plan('Who chaired the meeting?', 'chaired meeting', 'body')],
    [
      'a count in the year asked',
      'met',
      plan('How many times did the Working Group meet in 1992?', 'times Working Group meet in 1992', 'count'),
    ],
    [
      'a year in its heading',
      'launch',
      plan('When was the Budapest Process launched?', 'Budapest Process launched', 'date'),
    ],
  ])('vouches for a unit whose sentence states %s', (_, id, p) => {
    expect(statesAskedSpecific(hit(id), p)).toBe(true);
  });

  it.each([
    // The unit speaks of the topic but holds no amount: the budget is not stated.
    [
      'an amount the unit does not hold',
      'group',
      plan('What is the annual budget of the Reference Group?', 'annual budget Reference Group', 'amount'),
    ],
    // A year in a sentence about something else does not date what was asked.
    [
      'a date of another topic',
      'manual',
      plan('When were carrier sanctions introduced?', 'carrier sanctions introduced', 'date'),
    ],
    // A year in the heading does not say how long something lasted.
    [
      'a duration under a dated heading',
      'launch',
      plan('How long did the launch of the Budapest Process take?', 'launch Budapest Process', 'date'),
    ],
    ['free text', 'visa', plan('What does it say about visas and travel documents?', 'visas travel documents', 'text')],
    // A count of meetings in other years does not say how often the group met in the year asked about.
    [
      'a count in other years than the one asked',
      'met',
      plan('How many times did the Working Group meet in 2022?', 'times Working Group meet in 2022', 'count'),
    ],
  ])('does not vouch for %s', (_, id, p) => {
    expect(statesAskedSpecific(hit(id), p)).toBe(false);
  });
});
