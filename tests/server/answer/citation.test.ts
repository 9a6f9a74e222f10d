import { describe, expect, it } from 'vitest';
import { bestQuote, cleanSpans } from '../../../server/answer/citation.js';
import { conceptsOf, TermStatistics } from '../../../server/retrieve/term-stats.js';
import { smallIndex, testUnit } from '../../support/small-index.js';

// A paragraph whose later sentence answers; its earlier one shares more words with the question's glossary
// expansion ("ministerial conference", "conference of ministers") than with the question.
const text =
  'The Berlin conference of ministers led to another ministerial conference of ministers of interior in Budapest. ' +
  'In October 1991, the German minister invited the interior ministers of 27 states to Berlin.';
const stats = new TermStatistics(smallIndex([testUnit('p', text)]));
const question = 'who invited the interior ministers in 1991';
const claim = `${question} ministerial conference conference of ministers`;

describe('bestQuote', () => {
  it('lets the expansion words outweigh the question when it is not told the question’s ideas', () => {
    expect(bestQuote(text, claim, { single: true })).toMatch(/^The Berlin conference/);
  });

  it('chooses the sentence holding most of the question’s ideas, the claim’s words only breaking ties', () => {
    const quote = bestQuote(text, claim, { single: true, concepts: conceptsOf(question, stats) });
    expect(quote).toBe('In October 1991, the German minister invited the interior ministers of 27 states to Berlin.');
  });
  const defines = (t: string) => /\b(?:is|are) (?:an?|the)\b/.test(t);
  it.each([
    [
      'the clause a colon introduces, when it alone holds the answer and every asked word',
      'Thus, the envisaged readjustment will not affect a core principle: The Budapest Process is a state-led dialogue.',
      'The Budapest Process is a state-led dialogue.',
    ],
    [
      'the whole sentence when the lead-in holds an asked word the clause lacks',
      'Thus, the readjustment of the Budapest Process will keep a core principle: It is a state-led dialogue.',
      'Thus, the readjustment of the Budapest Process will keep a core principle: It is a state-led dialogue.',
    ],
    [
      'the whole sentence when the lead-in is a verb, not a clause',
      'Describing: The Budapest Process is a state-led dialogue of many states.',
      'Describing: The Budapest Process is a state-led dialogue of many states.',
    ],
  ])('quotes %s', (_, sentence, quote) => {
    expect(bestQuote(sentence, 'what is the budapest process', { single: true, holdsAnswer: defines })).toBe(quote);
  });
});

describe('bestQuote and debris', () => {
  // Holding as much of the claim, a whole sentence is quoted before a piece that debris cut short.
  it('prefers a whole sentence to a piece of one cut by debris', () => {
    const text =
      'Both plans built on the achievements of the 2013 tarve X s X e declaration. The plan ran for five years.';
    expect(bestQuote(text, 'plan')).toBe('The plan ran for five years.');
  });
});

describe('cleanSpans', () => {
  // A sentence broken by debris yields its clean pieces, each ending on a word a clause can end on.
  it('cuts debris out of a sentence and trims the words left dangling before it', () => {
    const text = 'Chaired by Sweden, the o s Reference Group supported the Chairmanship c in the preparations.';
    expect(cleanSpans(text).map((s) => s.text)).toEqual([
      'Chaired by Sweden',
      'Reference Group supported the Chairmanship',
      'in the preparations.',
    ]);
    for (const s of cleanSpans(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});
