/**
 * @module tests/server/retrieve/reference-words.test
 * Number words, ordinals and Roman numerals read as numbers, and nothing else does.
 */
import { describe, expect, it } from 'vitest';
import { cardinalValue, ordinalValue, romanValue } from '../../../server/retrieve/reference-words.js';

describe('number spellings', () => {
  it.each([
    ['one', 1],
    ['twelve', 12],
    ['twenty', 20],
    ['twenty-one', 21],
    ['fifty five', 55],
    ['twenty-twelve', null],
    ['dozen', null],
  ])('cardinal %s → %s', (words, value) => {
    expect(cardinalValue(words)).toBe(value);
  });

  it.each([
    ['first', 1],
    ['18th', 18],
    ['twelfth', 12],
    ['twentieth', 20],
    ['twenty-first', 21],
    ['last', 'last'],
    ['twenty-twelfth', null],
    ['firstly', null],
  ])('ordinal %s → %s', (word, value) => {
    expect(ordinalValue(word)).toBe(value);
  });

  it.each([
    ['ii', 2],
    ['iv', 4],
    ['ix', 9],
    ['xviii', 18],
    ['xl', 40],
    ['lv', 55],
    ['iiii', null],
    ['vx', null],
    ['civil', null],
    ['', null],
  ])('roman %s → %s', (word, value) => {
    expect(romanValue(word)).toBe(value);
  });
});
