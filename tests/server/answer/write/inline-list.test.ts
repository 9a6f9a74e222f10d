import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../../core/types.js';
import type { QueryPlan } from '../../../../server/plan/types.js';
import { findInlineList } from '../../../../server/answer/write/inline-list.js';
import { writeAnswer } from '../../../../server/answer/write/answer.js';
import { conceptsOf, TermStatistics } from '../../../../server/retrieve/term-stats.js';
import type { SearchHit } from '../../../../server/retrieve/types.js';
import { testReading } from '../../../support/reading.js';
import { smallIndex, TEST_DOCUMENT, testHit, testUnit } from '../../../support/small-index.js';

const units: Unit[] = [
  testUnit(
    'goals',
    'The declaration was adopted by many countries. Its six priority goals below were agreed upon: 1. 2. v 16 promote legal migration and mobility; prevent irregular migration; integration of migrants; migration and development; prevent and combat trafficking in persons; promote international protection. Projects followed.',
    '',
    0,
  ),
  testUnit(
    'areas',
    'Based on five guiding commitments - partnership, human rights, and knowledge - the plan focused on six priority areas: prevent irregular migration, promote legal migration, integrate migrants, foster migration and development, combat trafficking and promote international protection.',
    '',
    1,
  ),
  testUnit('plain', 'The six priority goals guide the dialogue.', '', 2),
  // Bullets read into running text: numbered labels, a stray bullet letter, image text after the first item.
  testUnit(
    'groups',
    'The three Thematic Working Groups are: e WG 1: Law Enforcement - co-chaired by Bulgaria and Iraq. This group includes COLEP TA??E{E%{JSD&AIBE% with ten countries; e WG 2: Return and Reintegration - co-chaired by Bangladesh; e WG 3: Legal Pathways - co-chaired by Italy and Pakistan.',
    '',
    4,
  ),
  // The heading names whose goals the lead ("Its six priority goals") lists.
  testUnit(
    'headed',
    'The ministers met in Istanbul. Its goals below were agreed upon: promote legal migration; prevent irregular migration; protect refugees.',
    'Phase 3 › The 2013 Ministerial Conference',
    3,
  ),
];
const stats = new TermStatistics(smallIndex(units));
const hit = (id: string): SearchHit => testHit(units.find((u) => u.id === id)!);
const plan = (question: string, topic: string): QueryPlan =>
  ({
    question,
    intent: 'enumeration',
    answerKind: 'list',
    reading: testReading({ query: topic, topic, concepts: conceptsOf(topic, stats) }),
  }) as QueryPlan;

describe('findInlineList', () => {
  it('takes items opening with numbered labels, each to its sentence end, and quotes no debris', () => {
    const list = findInlineList(
      [hit('groups')],
      plan('What are the three thematic working groups?', 'three thematic working groups'),
    );
    expect(list?.items).toEqual([
      'WG 1: Law Enforcement - co-chaired by Bulgaria and Iraq',
      'WG 2: Return and Reintegration - co-chaired by Bangladesh',
      'WG 3: Legal Pathways - co-chaired by Italy and Pakistan',
    ]);
    expect(list?.quote).toBe('The three Thematic Working Groups are:');
  });

  it('takes a counted list set between dashes, one word an item, when the question gives the count', () => {
    const list = findInlineList(
      [hit('areas')],
      plan('What are the three guiding commitments?', 'three guiding commitments'),
    );
    expect(list?.items).toEqual(['partnership', 'human rights', 'knowledge']);
  });

  it('reads a lead with its unit heading, which names what the list belongs to', () => {
    const list = findInlineList([hit('plain'), hit('headed')], plan('What were the 2013 goals?', '2013 goals'));
    expect(list?.hit.unit.id).toBe('headed');
    expect(list?.items).toEqual(['promote legal migration', 'prevent irregular migration', 'protect refugees']);
  });

  it('takes the items after the colon, verbatim, without stray numbering', () => {
    const list = findInlineList(
      [hit('plain'), hit('goals')],
      plan('What are the six priority goals?', 'six priority goals'),
    );
    expect(list?.hit.unit.id).toBe('goals');
    expect(list?.items).toEqual([
      'promote legal migration and mobility',
      'prevent irregular migration',
      'integration of migrants',
      'migration and development',
      'prevent and combat trafficking in persons',
      'promote international protection',
    ]);
    for (const item of list?.items ?? []) expect(units[0].text).toContain(item);
    expect(units[0].text).toContain(list?.quote);
    // The stray "v" between the lead and the items is debris: the quote starts at the first item.
    expect(list?.quote.startsWith('promote legal migration')).toBe(true);
    expect(list?.lead).toBe('Its six priority goals below were agreed upon');
  });

  it('splits the last comma item at "and" when the count says one is missing', () => {
    const list = findInlineList([hit('areas')], plan('What were the six priority areas?', 'six priority areas'));
    expect(list?.items.slice(-2)).toEqual(['combat trafficking', 'promote international protection']);
  });

  it.each([
    // The colon introduces the priority areas, not the commitments the sentence names first.
    ['What are the five guiding commitments?', 'five guiding commitments', ['areas']],
    ['What are the seven priority goals?', 'seven priority goals', ['goals']],
    ['What are the six priority goals?', 'six priority goals', ['plain']],
  ])('finds no list for %s', (question, topic, cited) => {
    expect(findInlineList(cited.map(hit), plan(question, topic))).toBeNull();
  });

  it('prefers the lead that uses the question’s own words, and names the others', () => {
    const list = findInlineList(
      [hit('areas'), hit('goals')],
      plan('What are the six priority goals?', 'six priority goals'),
    );
    expect(list?.hit.unit.id).toBe('goals');
  });
});

describe('findInlineList, a list introduced by a pronoun', () => {
  const partnerships = testUnit(
    'clause-d',
    'These partnerships will take different forms according to the partners. They will address the following objectives: to prevent illegal migration, to promote readmission, voluntary return and sustainable reintegration, to address legal migration, and to make migration a force for development.',
    '',
    0,
  );
  const partnershipStats = new TermStatistics(smallIndex([partnerships]));
  const topic = 'objectives the partnerships address';
  const asked = {
    question: `What ${topic}? List them all.`,
    intent: 'enumeration',
    answerKind: 'list',
    reading: testReading({ query: topic, topic, concepts: conceptsOf(topic, partnershipStats) }),
  } as QueryPlan;

  it('reads what "they" are from the sentence before, and keeps parallel items whole', () => {
    const list = findInlineList([testHit(partnerships)], asked);
    expect(list?.lead).toBe('They will address the following objectives');
    expect(list?.items).toEqual([
      'to prevent illegal migration',
      'to promote readmission, voluntary return and sustainable reintegration',
      'to address legal migration',
      'to make migration a force for development',
    ]);
    expect(partnerships.text).toContain(list?.quote);
  });
});

describe('writeAnswer with a list given in one sentence', () => {
  it('writes the items one per line under the lead, which cites the one passage that holds them all', () => {
    const asked = plan('What are the six priority goals?', 'six priority goals');
    const reply = writeAnswer({
      plan: asked,
      cited: [hit('goals'), hit('plain')],
      claim: 'six priority goals',
      coverage: 1,
      documents: [TEST_DOCUMENT],
      corpusSubject: new Set(),
      idf: () => 1,
    });
    expect(reply.answer).toMatch(
      /lists 6: “Its six priority goals below were agreed upon:” \[1\]\n\n1\. promote legal migration and mobility\n2\. /,
    );
    expect(reply.answer).toMatch(/\n6\. promote international protection\n/);
    expect(reply.citations[0]).toMatchObject({ n: 1 });
    expect(units[0].text).toContain(reply.citations[0].quote);
    expect(reply.answer).toMatch(/Also relevant:\n- .*\[2\]/);
  });
});

describe('findInlineList, against a better-named list it cannot read', () => {
  const groups: Unit[] = [
    testUnit('new', 'Three new working groups were also established: on penalties; on admission; on systems.', '', 0),
    testUnit(
      'thematic',
      // Two items where three were asked: not read as the list.
      'The three thematic working groups are: law enforcement, and return.',
      '',
      1,
    ),
  ];
  const groupStats = new TermStatistics(smallIndex(groups));
  const groupHit = (unit: Unit): SearchHit => ({
    unit,
    document: TEST_DOCUMENT,
    score: 1,
    lexical: 1,
    vector: 0.5,
    referenced: false,
  });
  const topic = 'three thematic working groups';
  const asked = {
    question: 'What are the three thematic working groups?',
    intent: 'enumeration',
    answerKind: 'list',
    reading: testReading({ query: topic, topic, concepts: conceptsOf(topic, groupStats) }),
  } as QueryPlan;

  it('gives no list rather than the weaker-named one', () => {
    expect(findInlineList(groups.map(groupHit), asked)).toBeNull();
    expect(findInlineList([groupHit(groups[0])], asked)?.items).toEqual(['on penalties', 'on admission', 'on systems']);
  });
});
