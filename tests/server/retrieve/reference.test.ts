import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../core/types.js';
import { findReferencedUnits, parseReferences } from '../../../server/retrieve/reference.js';

describe('parseReferences', () => {
  it.each([
    ['What does Recommendation 18 of Prague 1997 say?', [{ kind: 'recommendation', number: '18' }]],
    [
      'rec. 7 and 9',
      [
        { kind: 'recommendation', number: '7' },
        { kind: 'recommendation', number: '9' },
      ],
    ],
    ['Recommendations 33 to 35', ['33', '34', '35'].map((number) => ({ kind: 'recommendation', number }))],
    ['paragraph 12 of the Vienna meeting', [{ kind: 'paragraph', number: '12' }]],
    ['para. 3', [{ kind: 'paragraph', number: '3' }]],
    ['Priority Goal 4, action 6', [{ kind: 'action', number: '4.6' }]],
    ['goal 2 action 1', [{ kind: 'action', number: '2.1' }]],
    ['action 6 of priority goal 4', [{ kind: 'action', number: '4.6' }]],
    ['What is Priority Goal 3 about?', [{ kind: 'priority-goal', number: '3' }]],
    ['clause (f) point 4', [{ kind: 'point', number: 'f.4' }]],
    ['point 4 of clause (f)', [{ kind: 'point', number: 'f.4' }]],
    ['clause (g) of the 2009 declaration', [{ kind: 'clause', number: 'g' }]],
    ['preamble recital 3', [{ kind: 'preamble', number: '3' }]],
    ['What did they say about carriers?', []],
    ['What happened in 2009?', []],
    // Other spellings of the same numbers (reference-words.ts).
    ['the 18th recommendation of Prague 1997', [{ kind: 'recommendation', number: '18' }]],
    ['What is the first recommendation?', [{ kind: 'recommendation', number: '1' }]],
    ['the twenty-first recommendation', [{ kind: 'recommendation', number: '21' }]],
    ['paragraph twelve of the Vienna meeting', [{ kind: 'paragraph', number: '12' }]],
    ['Recommendation thirty-three', [{ kind: 'recommendation', number: '33' }]],
    ['Recommendation XVIII', [{ kind: 'recommendation', number: '18' }]],
    ['action six of priority goal four', [{ kind: 'action', number: '4.6' }]],
    ['the second action of goal 3', [{ kind: 'action', number: '3.2' }]],
    ['PG4 action 6', [{ kind: 'action', number: '4.6' }]],
    ['PG 2.3', [{ kind: 'action', number: '2.3' }]],
    ['clause f(4)', [{ kind: 'point', number: 'f.4' }]],
    ['clause (f)(4) of the 2009 declaration', [{ kind: 'point', number: 'f.4' }]],
    ['2009 joint decl., subpara h-9?', [{ kind: 'point', number: 'h.9' }]],
    ['point j9 of the 2009 declaration', [{ kind: 'point', number: 'j.9' }]],
    ['subparagraph (f) 4', [{ kind: 'point', number: 'f.4' }]],
    ['what does (g)(2) say?', [{ kind: 'point', number: 'g.2' }]],
    ['point 12 of the list', []],
    ['clause g.2', [{ kind: 'point', number: 'g.2' }]],
    ['the last paragraph of the Vienna meeting', [{ kind: 'paragraph', number: 'last' }]],
    ['the third recital', [{ kind: 'preamble', number: '3' }]],
    ['the last action of Priority Goal 6', [{ kind: 'action', number: '6.last' }]],
    ['the final point of clause (f)', [{ kind: 'point', number: 'f.last' }]],
    ['the final recommendation', [{ kind: 'recommendation', number: 'last' }]],
    // Not references: ordinals and numerals that do not number a unit.
    ['Was Vienna the first joint meeting?', []],
    ['the first recommendations on return', []],
    ['Which recommendation I should read on carriers?', []],
    ['a civil recommendation', []],
    ['the second half of the 1990s', []],
  ])('%s', (question, expected) => {
    expect(parseReferences(question)).toEqual(expected);
  });
});

describe('findReferencedUnits', () => {
  const unit = (id: string, kind: Unit['kind'], number: string | number): Unit => ({
    id,
    documentId: id.split(':')[0],
    label: id,
    kind,
    number,
    section: '',
    text: 'x.',
    page: null,
    order: 0,
  });
  const units = [
    unit('a:rec-18', 'recommendation', 18),
    unit('b:para-18', 'paragraph', 18),
    unit('c:pg-4.1', 'action', '4.1'),
    unit('c:pg-4.2', 'action', '4.2'),
    unit('c:pg-5.1', 'action', '5.1'),
  ];

  it('matches kind and number, within the scope when one is given', () => {
    expect(findReferencedUnits([{ kind: 'recommendation', number: '18' }], units, null).map((u) => u.id)).toEqual([
      'a:rec-18',
    ]);
    expect(findReferencedUnits([{ kind: 'recommendation', number: '18' }], units, ['b'])).toEqual([]);
  });

  it('resolves "last" to the highest number of that kind in each document in scope', () => {
    const more = [...units, unit('a:rec-3', 'recommendation', 3), unit('d:rec-40', 'recommendation', 40)];
    expect(findReferencedUnits([{ kind: 'recommendation', number: 'last' }], more, null).map((u) => u.id)).toEqual([
      'a:rec-18',
      'd:rec-40',
    ]);
    expect(findReferencedUnits([{ kind: 'recommendation', number: 'last' }], more, ['a']).map((u) => u.id)).toEqual([
      'a:rec-18',
    ]);
  });

  it('resolves "the last action of a goal" to the highest action under that goal only', () => {
    expect(findReferencedUnits([{ kind: 'action', number: '4.last' }], units, null).map((u) => u.id)).toEqual([
      'c:pg-4.2',
    ]);
    expect(findReferencedUnits([{ kind: 'action', number: '9.last' }], units, null)).toEqual([]);
  });

  it('expands a goal reference to its actions in order', () => {
    expect(findReferencedUnits([{ kind: 'priority-goal', number: '4' }], units, null).map((u) => u.id)).toEqual([
      'c:pg-4.1',
      'c:pg-4.2',
    ]);
  });
});
