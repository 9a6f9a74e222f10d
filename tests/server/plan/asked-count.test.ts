import { describe, expect, it } from 'vitest';
import { askedCount } from '../../../server/plan/asked-count.js';

describe('askedCount', () => {
  it.each([
    ['What are the six priority goals?', 6],
    ['list the 3 pillars', 3],
    ['What are the priority goals?', null],
    ['What happened in 1997?', null],
  ])('%s → %s', (question, count) => expect(askedCount(question)).toBe(count));
});
