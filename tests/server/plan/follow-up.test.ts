import { describe, expect, it } from 'vitest';
import { carryForward, isFollowUp } from '../../../server/answer/followup.js';

const resolve = (text: string) =>
  /prague 1997/i.test(text) ? ['prague-1997'] : /vienna/i.test(text) ? ['vienna-2005'] : [];
const history = [
  { role: 'user' as const, content: 'What did Prague 1997 say about carrier sanctions?' },
  { role: 'assistant' as const, content: 'Recommendation 18 … [1]' },
];

describe('isFollowUp', () => {
  it.each([
    ['And what about fraudulent documents?', true],
    ['What about employers?', true],
    ['Does it mention children?', true],
    ['What does the Call for Action say about integration of migrants in host societies?', false],
    ['How should airlines check travel documents before boarding?', false],
  ])('%s → %s', (q, expected) => expect(isFollowUp(q)).toBe(expected));
});

describe('carryForward', () => {
  it('keeps the previous document scope for a follow-up', () => {
    expect(carryForward('And what about fraudulent documents?', history, resolve)).toEqual({
      query: 'And what about fraudulent documents?',
      documents: ['prague-1997'],
    });
  });

  it('does not carry when the follow-up names its own document', () => {
    expect(carryForward('And what about the Vienna meeting?', history, resolve).documents).toBeNull();
  });

  it('inherits the topic when the follow-up has none of its own', () => {
    const carried = carryForward('And what about it?', history, resolve);
    expect(carried.query).toContain('carrier sanctions');
  });

  it('leaves a question without history alone', () => {
    expect(carryForward('And what about fraudulent documents?', [], resolve)).toEqual({
      query: 'And what about fraudulent documents?',
      documents: null,
    });
  });
});

describe('carryForward with a step from the previous reference', () => {
  const refHistory = [
    { role: 'user' as const, content: 'What is Recommendation 33 of Prague 1997?' },
    { role: 'assistant' as const, content: 'Recommendation 33 asks …' },
  ];
  it.each([
    ['And the next one?', 'Recommendation 34'],
    ['What about the previous one?', 'Recommendation 32'],
  ])('%s → %s', (question, query) => {
    expect(carryForward(question, refHistory, resolve)).toEqual({ query, documents: ['prague-1997'] });
  });

  it('steps actions, points and clauses within their parent', () => {
    const history = [{ role: 'user' as const, content: 'Show me clause (f) point 4' }];
    expect(carryForward('and the next one?', history, resolve).query).toBe('clause (f) point 5');
  });
});
