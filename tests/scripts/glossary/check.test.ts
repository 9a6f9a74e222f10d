import { describe, expect, it } from 'vitest';
import { checkGroup, type BridgeSourcesOf } from '../../../scripts/glossary/check.js';
import { analyse } from '../../../core/text/terms.js';
import type { Bridge, TermBridges } from '../../../server/retrieve/bridges.js';

const term = (word: string) => analyse(word)[0];
/** Bridges from fixed word → targets, keyed as the server keys them (by index term). */
const bridges =
  (table: Record<string, string[]>): TermBridges =>
  (topic) =>
    new Map(
      Object.entries(table)
        .filter(([word]) => topic === word)
        .map(([word, targets]) => [term(word), targets.map((t): Bridge => [term(t), 0.7])]),
    );

const corpus = new Set(['carrier', 'carriers', 'return', 'readmission'].map(term));
const sources = (wordnet: Record<string, string[]>, vectors: Record<string, string[]>): BridgeSourcesOf => ({
  wordnet: bridges(wordnet),
  vectors: bridges(vectors),
  inCorpus: (t) => corpus.has(t),
  wordnetMap: () => [],
});

describe('checkGroup', () => {
  it.each([
    ['a word the vectors bridge to every corpus word', 'airlines', { airlines: ['carriers'] }, 'bridged'],
    ['a word no source bridges', 'jet', {}, 'not bridged'],
    ['a corpus word', 'carrier', {}, 'corpus word'],
    ['a phrase', 'air carriers', {}, 'phrase'],
  ])('%s: %s is %s', (_, member, vectors, status) => {
    const [check] = checkGroup(
      { terms: [member, 'carriers', 'transport companies'], why: 'x' },
      sources({}, vectors),
    ).filter((c) => c.member === member);
    expect(check.status).toBe(status);
  });

  it('says which source bridges a word, and when it reaches only part of the group', () => {
    const group = { terms: ['deportation', 'return', 'readmission'], why: 'x' };
    const [check] = checkGroup(group, sources({ deportation: ['readmission'] }, {}));
    expect(check).toMatchObject({ status: 'bridged in part', wordnet: ['readmission'], vectors: [] });
  });
});
