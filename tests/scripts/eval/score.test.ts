/**
 * @module tests/scripts/eval/score
 * The eval's scoring rules on hand-made replies: gold from quotes, precision credit for a gold quote under
 * another id, declined questions, and the sums.
 */
import { describe, expect, it } from 'vitest';
import type { GoldQuestion } from '../../../scripts/eval/gold-set.js';
import { resolveGold, scoreQuestion, summarise, unitTexts } from '../../../scripts/eval/score.js';
import type { ChatReply, Citation } from '../../../server/answer/types.js';

const units = unitTexts([
  {
    id: 'd:a',
    text: 'Recommend that sanctions be introduced against carriers, by fining and holding the carriers liable.',
  },
  {
    id: 'd:b',
    text: 'Recommend that sanctions be introduced against carriers, by fining and holding the carriers liable.',
  },
  { id: 'd:c', text: 'The dialogue enhanced its member-\nship to 53 countries and international organisations.' },
  { id: 'd:d', text: 'Something else entirely.' },
]);

function citation(n: number, id: string, quote: string): Citation {
  const base = {
    documentId: 'd',
    documentTitle: 'D',
    label: id,
    section: '',
    text: units.get(id) ?? '',
    page: null,
    url: '',
    reference: `D, ${id}`,
    valid: true,
  };
  return { n, id, quote, ...base };
}

function reply(citations: Citation[]): ChatReply {
  return {
    answer: citations.map((c) => `[${c.n}]`).join(' '),
    citations,
    grounded: citations.length > 0,
    mode: 'extractive',
  };
}

const q = (over: Partial<GoldQuestion>): GoldQuestion => ({
  id: 'x',
  question: 'q?',
  expected: [],
  answerable: true,
  ...over,
});

describe('scoring', () => {
  it('finds gold units from expectedQuotes, line-break hyphens ignored', () => {
    const gold = resolveGold(
      q({ expectedQuotes: ['enhanced its membership to 53 countries', 'not in any unit'] }),
      units,
    );
    expect(gold).toEqual({ units: ['d:c'], first: 'd:c', unresolvedQuotes: ['not in any unit'] });
  });

  it('credits a gold quote cited under a duplicate unit, not an unrelated unit', () => {
    const question = q({ expected: ['d:a'] });
    const gold = resolveGold(question, units);
    const seen = reply([
      citation(1, 'd:b', 'by fining and holding the carriers liable'),
      citation(2, 'd:d', 'Something else entirely.'),
    ]);
    const score = scoreQuestion(question, gold, { ranked: ['d:b', 'd:a'], reply: seen, latencyMs: 3 }, units);
    expect(score).toMatchObject({ precision: 0.5, recall: 0, expectedCited: false, status: 'fail' });
    expect(score.retrieval).toMatchObject({ rank: 2, hitAt1: false, hitAt5: true, reciprocalRank: 0.5 });
  });

  it('gives a declined answerable question recall 0 and no precision; counts non-verbatim quotes', () => {
    const gold = resolveGold(q({ expected: ['d:a'] }), units);
    const declined = scoreQuestion(
      q({ expected: ['d:a'] }),
      gold,
      { ranked: null, reply: reply([]), latencyMs: 1 },
      units,
    );
    expect(declined).toMatchObject({ precision: null, recall: 0, status: 'fail' });
    const misquoted = scoreQuestion(
      q({ expected: ['d:a'] }),
      gold,
      { ranked: null, reply: reply([citation(1, 'd:a', 'fines carriers')]), latencyMs: 5 },
      units,
    );
    const figures = summarise([declined, misquoted]);
    expect(figures.citations).toMatchObject({ precision: 1, recall: 0.5, precisionQuestions: 1, questions: 2 });
    expect(figures.abstention).toMatchObject({ falseRate: 0.5, answerable: 2 });
    expect(figures.quotes).toEqual({ citations: 1, verbatimRate: 0 });
  });
});
