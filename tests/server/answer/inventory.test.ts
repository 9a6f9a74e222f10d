import { describe, expect, it } from 'vitest';
import { subjectTerms, unitInventory } from '../../../server/answer/inventory.js';
import { TEST_DOCUMENT, testUnit } from '../../support/small-index.js';

const titles = ['The Budapest Process Call for Action', 'Budapest Process at 30', 'Prague Declaration (2009)'];
const documents = titles.map((title, i) => ({ ...TEST_DOCUMENT, id: `d${i}`, title }));

describe('subjectTerms', () => {
  it('is the terms in more than half of the titles', () => {
    expect([...subjectTerms(documents)].sort()).toEqual(['budapest', 'process']);
  });

  it('is empty for no documents', () => {
    expect(subjectTerms([]).size).toBe(0);
  });
});

describe('unitInventory', () => {
  it('carries the units and documents as given, with the subject derived once', () => {
    const units = [testUnit('rec-1', 'Recommend that carriers be fined.')];
    const inventory = unitInventory(units, documents);
    expect(inventory.units).toBe(units);
    expect(inventory.documents).toBe(documents);
    expect([...inventory.subject].sort()).toEqual(['budapest', 'process']);
  });
});
