import { describe, expect, it } from 'vitest';
import { openingSentence } from '../../../scripts/eval/answer-checks.js';

describe('openingSentence', () => {
  it.each([
    ['Recommendation 18 recommends sanctions [1]. Also relevant.', 'Recommendation 18 recommends sanctions [1].'],
    ['Yes. Recommendation 18 recommends sanctions [1]. More.', 'Recommendation 18 recommends sanctions [1].'],
    // A full stop before a number is an abbreviation ("No. 15", "Art. 31"), not a sentence end.
    [
      'It follows the recommendation No. 15 of 1987 of the Committee [1]. More.',
      'It follows the recommendation No. 15 of 1987 of the Committee [1].',
    ],
    ['Bodies such as ASEAN, etc. can contribute [1]. More.', 'Bodies such as ASEAN, etc. can contribute [1].'],
    ['The documents do not say. Next.', 'The documents do not say.'],
    ['First line [1]\nsecond line.', 'First line [1]'],
  ])('%j → %j', (answer, opening) => {
    expect(openingSentence(answer)).toBe(opening);
  });
});
