/**
 * @module tests/web/warnings.test
 * An answer's warnings gathered from the reply (flags, unsupported sentences not already flagged, failed
 * citations), and a flagged sentence found in the text the page shows despite markup, markers and spacing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerWarnings, citationProblem, locateShown } from '../../web/src/warnings.js';
import { citation } from './web-fixtures.js';

describe('answerWarnings', () => {
  it('lists flags first and adds unsupported sentences no flag covers, with their markers', () => {
    const warnings = answerWarnings({
      flags: [
        {
          code: 'QUOTE_NOT_IN_SOURCE',
          text: 'Carriers must pay “a fixed fine of 5000 euros” [1].',
          reason: 'The quoted words are not in Recommendation 18.',
          citations: [1],
        },
        { code: 'WEAK_SUPPORT', text: 'x', reason: '', citations: [] },
      ],
      unsupported: ['Carriers must pay “a fixed fine of 5000 euros” [1].', 'The moon is made of cheese [2][3].'],
    });
    expect(warnings).toEqual([
      {
        code: 'QUOTE_NOT_IN_SOURCE',
        text: 'Carriers must pay “a fixed fine of 5000 euros” [1].',
        reason: 'The quoted words are not in Recommendation 18.',
        citations: [1],
      },
      { code: 'WEAK_SUPPORT', text: 'x', reason: 'The cited passages do not clearly support this.', citations: [] },
      {
        code: 'WEAK_SUPPORT',
        text: 'The moon is made of cheese [2][3].',
        reason: 'The cited passages do not clearly support this.',
        citations: [2, 3],
      },
    ]);
  });

  it('has nothing to say about a reply without flags', () => {
    expect(answerWarnings({})).toEqual([]);
    expect(answerWarnings({ flags: [], unsupported: [] })).toEqual([]);
  });
});

describe('citationProblem', () => {
  it('gives the server’s reason for a failed citation, a plain one without it, and null for a valid one', () => {
    expect(citationProblem(citation())).toBeNull();
    expect(citationProblem({ ...citation({ valid: false }), problem: 'quote not found in this unit' })).toBe(
      'quote not found in this unit',
    );
    expect(citationProblem(citation({ valid: false }))).toMatch(/could not be verified/);
  });
});

describe('locateShown', () => {
  it('finds a flagged sentence written in markdown in the text the page shows', () => {
    const shown = 'Prague 1997\nCarriers must pay a fine . The rest is fine.\n';
    const range = locateShown(shown, '- **Carriers** must pay a *fine* [1].');
    expect(range).not.toBeNull();
    expect(shown.slice(range!.start, range!.end)).toBe('Carriers must pay a fine');
  });

  it('matches regardless of case, quotes and spacing, and not at all for short or absent text', () => {
    const shown = 'The documents do not state a number for this; what they say on the topic:';
    expect(locateShown(shown, 'the documents do NOT state a number for this; what they say on the topic:')).toEqual({
      start: 0,
      end: shown.length - 1,
    });
    expect(locateShown(shown, '[1]')).toBeNull();
    expect(locateShown(shown, 'abc')).toBeNull();
    expect(locateShown(shown, 'something else entirely')).toBeNull();
  });

  it('finds any run of words of a text in that text (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-zé0-9]{1,8}$/), { minLength: 3, maxLength: 20 }),
        fc.nat(),
        fc.nat(),
        (words, a, b) => {
          const shown = words.join(' ');
          const from = a % words.length;
          const to = from + 1 + (b % (words.length - from));
          const span = words.slice(from, to).join('  ');
          const range = locateShown(shown, span);
          if (span.replace(/\s/g, '').length < 6) return;
          expect(range).not.toBeNull();
          expect(shown.slice(range!.start, range!.end).replace(/\s+/g, '').toLowerCase()).toContain(
            span.replace(/\s+/g, '').toLowerCase(),
          );
        },
      ),
    );
  });
});
