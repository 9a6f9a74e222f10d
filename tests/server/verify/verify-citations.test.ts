/**
 * @module tests/server/verify/verify-citations
 * The pure citation check over a small in-memory corpus: quotes verbatim up to whitespace and line-break
 * hyphens, quotes that belong to another unit, unknown ids, and [n] markers without citations.
 */
import { describe, expect, it } from 'vitest';
import { markersIn, verifyCitations, type UnitSource } from '../../../server/verify/verify-citations.js';

const units = [
  {
    id: 'prague-1997:consideration-4',
    text: 'Noting that activities constituting trafficking in aliens i.a. include the following: abuse of genuine documents, providing advice and/or means to make fraudulent claims before authorities;',
  },
  {
    id: 'prague-1997:rec-17',
    text: 'Recommend that participating States develop forms of constructive co-operation with carriers which are conducting transport service;',
  },
  {
    id: 'prague-1997:rec-18',
    text: 'Recommend that sanctions be introduced against carriers conducting transport service and failing to identify improperly documented passengers, by fining and holding the carriers liable for the return costs;',
  },
];
const source: UnitSource = { findUnit: (id) => units.find((u) => u.id === id), units: () => units };

describe('verifyCitations', () => {
  it('accepts a quote found verbatim in its unit', () => {
    const result = verifyCitations(
      { citations: [{ id: 'prague-1997:rec-18', quote: 'by fining and holding the carriers liable' }] },
      source,
    );
    expect(result).toEqual({ valid: true, citations: [{ id: 'prague-1997:rec-18', exists: true, quoteFound: true }] });
  });

  it('ignores whitespace, line breaks and line-break hyphens in the quote', () => {
    const quote = 'abuse of  genuine\ndocuments, pro-\nviding advice';
    const result = verifyCitations({ citations: [{ id: 'prague-1997:consideration-4', quote }] }, source);
    expect(result.valid).toBe(true);
    expect(
      verifyCitations({ citations: [{ id: 'prague-1997:consideration-4', quote: 'pro- viding advice' }] }, source)
        .valid,
    ).toBe(true);
  });

  it('is case- and punctuation-sensitive otherwise', () => {
    const result = verifyCitations(
      { citations: [{ id: 'prague-1997:rec-18', quote: 'By fining and holding the carriers liable' }] },
      source,
    );
    expect(result.valid).toBe(false);
    expect(result.citations[0].reason).toBe(
      'quote matches this unit only when letter case is ignored ("By" where the source has "by")',
    );
  });

  it('refuses a quote that belongs to another unit and names that unit', () => {
    const result = verifyCitations(
      { citations: [{ id: 'prague-1997:rec-18', quote: 'develop forms of constructive co-operation with carriers' }] },
      source,
    );
    expect(result.valid).toBe(false);
    expect(result.citations[0]).toEqual({
      id: 'prague-1997:rec-18',
      exists: true,
      quoteFound: false,
      reason: 'quote found in prague-1997:rec-17, not in this unit',
    });
  });

  it('reports an unknown unit id, and where its quote really is', () => {
    const result = verifyCitations(
      { citations: [{ id: 'prague-1997:rec-99', quote: 'liable for the return costs' }] },
      source,
    );
    expect(result.valid).toBe(false);
    expect(result.citations[0]).toMatchObject({ exists: false, quoteFound: false });
    expect(result.citations[0].reason).toBe('no unit with id "prague-1997:rec-99"; quote found in prague-1997:rec-18');
  });

  it.each([
    ['one letter', 'e'],
    ['two words', 'the carriers'],
    ['three words in 11 characters', 'to the cost'],
    ['one long word', 'improperly-documented'],
  ])('reports a quote of %s as too short to verify, though it occurs in the unit', (_what, quote) => {
    const result = verifyCitations({ citations: [{ id: 'prague-1997:rec-18', quote }] }, source);
    expect(result.valid).toBe(false);
    expect(result.citations[0]).toEqual({
      id: 'prague-1997:rec-18',
      exists: true,
      quoteFound: false,
      reason: 'quote is too short to verify (under 3 words or 12 characters)',
    });
  });

  it('accepts a quote of exactly 3 words and 12 characters', () => {
    const result = verifyCitations({ citations: [{ id: 'prague-1997:rec-18', quote: 'for the return' }] }, source);
    expect(result.citations[0].quoteFound).toBe(true);
  });

  it('accepts a citation without a quote when its unit exists, and refuses an empty quote', () => {
    expect(verifyCitations({ citations: [{ id: 'prague-1997:rec-17' }] }, source).valid).toBe(true);
    const empty = verifyCitations({ citations: [{ id: 'prague-1997:rec-17', quote: ' \n' }] }, source);
    expect(empty.valid).toBe(false);
    expect(empty.citations[0].reason).toBe('quote is empty');
  });

  it('reports [n] markers of the answer that no citation carries', () => {
    const result = verifyCitations(
      { answer: 'Carriers are fined [1] and trained [2].', citations: [{ id: 'prague-1997:rec-18', n: 1 }] },
      source,
    );
    expect(result.valid).toBe(false);
    expect(result.unmatchedMarkers).toEqual([2]);
  });

  it('notes a citation whose marker is not in the answer, without invalidating the set', () => {
    const result = verifyCitations(
      {
        answer: 'Carriers are fined [1].',
        citations: [
          { id: 'prague-1997:rec-18', n: 1 },
          { id: 'prague-1997:rec-17', n: 2 },
        ],
      },
      source,
    );
    expect(result.valid).toBe(true);
    expect(result.unmatchedMarkers).toEqual([]);
    expect(result.citations[1].reason).toBe('marker [2] does not appear in the answer');
  });
});

describe('markersIn', () => {
  it('reads single, grouped and ranged markers, each once', () => {
    expect(markersIn('a [2] b [1, 3] c [4-6] d [1][2]')).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keeps only the ends of implausibly wide ranges', () => {
    expect(markersIn('between [1990-2019]')).toEqual([1990, 2019]);
  });
});
