/**
 * @module tests/ingest/normalise/text
 * Page bookkeeping, hyphenation re-joining judged by each corpus text's own usage, and folding.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collapseWhitespace, joinPages, pageAt, rejoinHyphenation } from '../../../ingest/normalise/text.js';
import { containsFolded, foldForCompare } from '../../../core/text/fold.js';

const corpus = (file: string) => readFileSync(new URL(`../../../corpus/${file}`, import.meta.url), 'utf8');
const PRAGUE_1997 = corpus('prague-1997-recommendations.txt');
const VIENNA = corpus('vienna-2005-bali-budapest-joint-meeting.txt');
const CALL = corpus('budapest-process-call-for-action.txt');
const THIRTY = corpus('budapest-process-30-years.txt');
const PRAGUE_2009 = corpus('prague-2009-joint-declaration.txt');

describe('joinPages / pageAt', () => {
  it('records where each page begins and separates pages by a blank line', () => {
    const paged = joinPages(['first page', 'second', 'third one']);
    expect(paged.text).toBe('first page\n\nsecond\n\nthird one');
    expect(paged.pageStarts).toEqual([0, 12, 20]);
    expect(paged.text.slice(paged.pageStarts[1], paged.pageStarts[1] + 6)).toBe('second');
  });

  it.each([
    [0, 1],
    [9, 1],
    [11, 1],
    [12, 2],
    [19, 2],
    [20, 3],
    [28, 3],
  ])('offset %i lies on page %i', (offset, page) => {
    expect(pageAt(joinPages(['first page', 'second', 'third one']), offset)).toBe(page);
  });

  it('normalises CRLF inside pages so offsets refer to the returned text', () => {
    const paged = joinPages(['a\r\nb', 'c']);
    expect(paged.text).toBe('a\nb\n\nc');
    expect(pageAt(paged, paged.text.indexOf('c'))).toBe(2);
  });

  it('treats no pages as one empty page', () => {
    expect(joinPages([])).toEqual({ text: '', pageStarts: [0] });
  });
});

describe('collapseWhitespace', () => {
  it('turns runs of whitespace (line breaks, tabs, NBSP) into single spaces and trims', () => {
    expect(collapseWhitespace('  a \n\n b\t\u00a0c  ')).toBe('a b c');
  });
});

describe('rejoinHyphenation against the text it comes from', () => {
  it.each([
    [
      'prague-1997',
      PRAGUE_1997,
      'abuse of genuine documents, pro-\nviding advice',
      'abuse of genuine documents, providing advice',
    ],
    [
      'prague-1997',
      PRAGUE_1997,
      'forgery of documents, ex-\ntortion (violence',
      'forgery of documents, extortion (violence',
    ],
    [
      'prague-1997 (writes co-operation)',
      PRAGUE_1997,
      'reinforced technical co-\noperation, and',
      'reinforced technical co-operation, and',
    ],
    [
      'vienna-2005 (writes Co-operation)',
      VIENNA,
      'Security and Co-\noperation in Europe',
      'Security and Co-operation in Europe',
    ],
    [
      'vienna-2005 (writes anti-trafficking)',
      VIENNA,
      'implementation of anti-\ntrafficking legislation',
      'implementation of anti-trafficking legislation',
    ],
    [
      'vienna-2005 (blank line inside)',
      VIENNA,
      'inter-regional co-\n\noperation along',
      'inter-regional co-operation along',
    ],
    ['call-for-action (writes cooperation)', CALL, 'criminal networks in-\nvolved in', 'criminal networks involved in'],
    [
      'call-for-action (blank line inside)',
      CALL,
      'supporting the estab-\n\nlishment of',
      'supporting the establishment of',
    ],
    ['call-for-action', CALL, 'inter-\nnational protection', 'international protection'],
    [
      '30-years (both halves are words there)',
      THIRTY,
      'Process is a state-\nled dialogue',
      'Process is a state-led dialogue',
    ],
    ['30-years', THIRTY, 'official start of the Bu-\ndapest Process', 'official start of the Budapest Process'],
    [
      'prague-2009 (writes intra-regional)',
      PRAGUE_2009,
      'existing intra-\n\nregional cooperation',
      'existing intra-regional cooperation',
    ],
  ])('%s: %j', (_name, evidence, broken, expected) => {
    expect(rejoinHyphenation(broken, evidence)).toBe(expected);
  });

  it('keeps the hyphen before a capitalised or numeric continuation, without the line break', () => {
    expect(rejoinHyphenation('the Euro-\nMediterranean Partnership')).toBe('the Euro-Mediterranean Partnership');
    expect(rejoinHyphenation('in 2019-\n2024')).toBe('in 2019-2024');
  });

  it('leaves dashes and in-line hyphens alone', () => {
    const text = 'five guiding commitments -\npartnership, and a long-term plan';
    expect(rejoinHyphenation(text)).toBe(text);
  });

  it('judges by the text itself when no evidence is given', () => {
    expect(rejoinHyphenation('co-operation and co-\noperation')).toBe('co-operation and co-operation');
    expect(rejoinHyphenation('cooperation and co-\noperation')).toBe('cooperation and cooperation');
  });
});

describe('foldForCompare / containsFolded', () => {
  it('ignores whitespace, line breaks and hyphens but keeps case and letters', () => {
    expect(foldForCompare('co-\noperation  and\tmore')).toBe(foldForCompare('cooperation and more'));
    expect(foldForCompare('Budapest')).not.toBe(foldForCompare('budapest'));
  });

  it.each([
    ['re-joined hyphenation', 'providing advice and/or means'],
    ['kept hyphen', 'reinforced technical co-operation, and that such'],
    ['dropped hyphen', 'reinforced technical cooperation, and that such'],
    [
      'collapsed line breaks',
      'Recommend that sanctions be introduced against carriers conducting transport service and failing',
    ],
  ])('finds a quote in the 1997 source despite %s', (_name, quote) => {
    expect(containsFolded(PRAGUE_1997, quote)).toBe(true);
  });

  it.each([
    ['a changed word', PRAGUE_1997, 'Recommend that sanctions be imposed against carriers'],
    ['fixed OCR damage', CALL, 'The Budapest Process Call for Action'],
  ])('rejects %s', (_name, source, quote) => {
    expect(containsFolded(source, quote)).toBe(false);
  });

  // Quotes retyped by people (or written by a model) use plain characters for the source's typography.
  it.each([
    ['straight for curly double quotes', 'is a “young” migration dialogue', 'is a "young" migration dialogue'],
    ['straight for curly apostrophes', 'the Budapest Process’ 30th', "the Budapest Process' 30th"],
    ['a hyphen for an en dash', '12 — 13 November 2012', '12 - 13 November 2012'],
    ['a hyphen for an em dash', 'partnership – human rights', 'partnership - human rights'],
    ['letters for a ligature', 'ofﬁcials and ﬂows', 'officials and flows'],
    ['three dots for an ellipsis', 'and so on…', 'and so on...'],
  ])('matches %s', (_name, source, quote) => {
    expect(containsFolded(source, quote)).toBe(true);
    expect(containsFolded(quote, source)).toBe(true);
  });

  it('still tells letters, digits and case apart after folding typography', () => {
    expect(containsFolded('is a “young” migration dialogue', 'is a "Young" migration dialogue')).toBe(false);
    expect(containsFolded('on 12–13 November', 'on 12–14 November')).toBe(false);
  });
});
