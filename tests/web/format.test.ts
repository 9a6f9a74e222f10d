/**
 * @module tests/web/format.test
 * The page's pure text logic: chip labels and names, document dates and where they come from, quote location
 * for highlighting, links, dates, error messages and follow-up history.
 */
import { describe, expect, it } from 'vitest';
import {
  declineParts,
  DECLINE_MESSAGE,
  borrowedDate,
  chipLabel,
  citationHref,
  citationName,
  compactDocName,
  describeError,
  docDateLabel,
  findQuoteRange,
  formatDate,
  historyFrom,
  modeLabel,
  newSectionHeadings,
  safeHref,
  shortLabel,
} from '../../web/src/format.js';
import type { ChatReply } from '../../web/src/types.js';
import { DOCS, REC18_TEXT, citation } from './web-fixtures.js';

describe('chipLabel and compactDocName', () => {
  it('shows "Prague 1997 · Rec. 18"', () => {
    expect(chipLabel(citation(), DOCS)).toBe('Prague 1997 · Rec. 18');
  });

  it('derives compact names from shortTitle, then place + year, then shortTitle with its year', () => {
    expect(compactDocName(DOCS[1])).toBe('Vienna 2005');
    expect(compactDocName(DOCS[2])).toBe('Budapest Process at 30 (2023)');
    expect(compactDocName(DOCS[3])).toBe('Call for Action 2019');
    expect(compactDocName(DOCS[4])).toBe('Prague 2009');
    expect(compactDocName({ id: 'x', shortTitle: 'Joint Declaration', date: '2009-04-27', place: 'Prague' })).toBe(
      'Prague 2009',
    );
    expect(compactDocName({ id: 'x', shortTitle: '2019 Call for Action', date: null, place: null })).toBe(
      '2019 Call for Action',
    );
    expect(compactDocName({ id: 'x', shortTitle: 'Call for Action', date: null, place: null })).toBe('Call for Action');
  });

  it('falls back to the full title "(Place, Year)" when the document list is not loaded', () => {
    expect(chipLabel(citation(), [])).toBe('Prague 1997 · Rec. 18');
    expect(chipLabel(citation({ documentTitle: 'Some Title', documentId: 'some' }), [])).toBe('Some Title · Rec. 18');
    expect(chipLabel(citation({ documentTitle: '', documentId: 'some', label: '' }), [])).toBe('some');
  });

  it.each([
    ['Recommendation 18', 'Rec. 18'],
    ['Consideration 34', 'Consid. 34'],
    ['Paragraph 5', 'para. 5'],
    ['Priority Goal 3, Action 1', 'PG 3, Action 1'],
    ['Clause (g), point 2', 'Clause (g), point 2'],
    [
      'The setting up of the Expert Groups to implement the BP 1993 Recommendations, paragraph 1',
      'The setting up of the…, para. 1',
    ],
  ])('shortens the label %j to %j', (label, short) => {
    expect(shortLabel(label)).toBe(short);
    expect(shortLabel(label).length).toBeLessThanOrEqual(34);
  });

  it('names the chip in full for assistive technology: the reference, else document and label', () => {
    expect(citationName(citation(), DOCS)).toBe('Prague 1997 Recommendations (14 Oct 1997), Recommendation 18');
    expect(citationName(citation({ reference: '' }), DOCS)).toBe('Prague 1997 Recommendations, Recommendation 18');
  });
});

describe('document dates', () => {
  it('shows the date, or the year alone for a document known by its year', () => {
    expect(docDateLabel(DOCS[0])).toBe('14 October 1997');
    expect(docDateLabel(DOCS[3])).toBe('2019');
    expect(docDateLabel({ date: null, year: null })).toBe('');
  });

  it('says which document a date is quoted from, and nothing for a date the document states itself', () => {
    expect(borrowedDate(DOCS[3], DOCS)).toEqual({
      source: 'Budapest Process at 30',
      words: '“Ministers adopted the … Call for Action in February 2019”',
    });
    expect(borrowedDate(DOCS[0], DOCS)).toBeNull();
    expect(borrowedDate(DOCS[2], DOCS)).toBeNull();
    expect(borrowedDate(DOCS[1], DOCS)).toBeNull();
    expect(borrowedDate({ id: 'x', dateSource: 'elsewhere: “1999”' }, DOCS)).toEqual({
      source: 'elsewhere',
      words: '“1999”',
    });
  });
});

describe('findQuoteRange', () => {
  it('finds an exact quote', () => {
    const text = 'Alpha beta. Gamma delta.';
    expect(findQuoteRange(text, 'Gamma delta.')).toEqual({ start: 12, end: 24 });
  });

  it('tolerates line breaks and runs of spaces on either side', () => {
    const quote = 'sanctions be introduced against carriers conducting transport service and failing to identify';
    const r = findQuoteRange(REC18_TEXT, quote);
    expect(r).not.toBeNull();
    const found = REC18_TEXT.slice(r!.start, r!.end);
    expect(found.startsWith('sanctions')).toBe(true);
    expect(found.endsWith('identify')).toBe(true);
    expect(found).toContain('\n');
    expect(findQuoteRange('a  b\n\n c   d', ' b c  d ')).toEqual({ start: 3, end: 12 });
  });

  it('tolerates typographic quotes/dashes and, failing that, letter case', () => {
    expect(findQuoteRange('the “Global Alliance” – now', '"Global Alliance" - now')).toEqual({ start: 4, end: 27 });
    expect(findQuoteRange('Recommend that Sanctions', 'recommend that sanctions')).toEqual({ start: 0, end: 24 });
  });

  it('matches a quote shortened with an ellipsis from its first to its last fragment', () => {
    const r = findQuoteRange(REC18_TEXT, 'Recommend that sanctions … liable for the return costs');
    expect(r).toEqual({ start: 0, end: REC18_TEXT.indexOf(';') });
  });

  it('returns null when the quote is absent or empty', () => {
    expect(findQuoteRange(REC18_TEXT, 'visa regimes')).toBeNull();
    expect(findQuoteRange(REC18_TEXT, '   ')).toBeNull();
    expect(findQuoteRange('', 'x')).toBeNull();
  });
});

describe('links', () => {
  it('carries the quote to the document view in ?q= before the unit anchor', () => {
    const href = citationHref(citation({ quote: 'by fining and\nholding the carriers' }));
    expect(href).toBe('/documents/prague-1997?q=by%20fining%20and%20holding%20the%20carriers#rec-18');
    const url = new URL(href, 'http://x');
    expect(url.searchParams.get('q')).toBe('by fining and holding the carriers');
    expect(url.hash).toBe('#rec-18');
    expect(citationHref(citation({ quote: '' }))).toBe('/documents/prague-1997#rec-18');
  });

  it('lets only same-site paths through as hrefs', () => {
    expect(safeHref('/documents/prague-1997#rec-18')).toBe('/documents/prague-1997#rec-18');
    for (const bad of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      '//evil.example/x',
      '/\\evil.example',
      'data:text/html,x',
      'https://evil.example',
      '/a\nb',
    ]) {
      expect(safeHref(bad)).toBe('/documents');
    }
    expect(citationHref(citation({ url: 'javascript:alert(1)' }))).toMatch(/^\/documents\?q=/);
  });
});

describe('small formatters', () => {
  it('formats dates without depending on the locale', () => {
    expect(formatDate('1997-10-14')).toBe('14 October 1997');
    expect(formatDate('2009-04')).toBe('April 2009');
    expect(formatDate('2019')).toBe('2019');
    expect(formatDate(null)).toBe('');
  });

  it('names the answering mode', () => {
    expect(modeLabel('extractive')).toBe('Answered offline (extractive)');
    expect(modeLabel('llm')).toBe('Answered by LLM');
  });

  it('explains failures plainly', () => {
    expect(describeError({ status: 0 })).toMatch(/could not reach the server/i);
    expect(describeError({ status: 0, code: 'STREAM_CUT' })).toMatch(/connection was lost/i);
    expect(describeError({ status: 429, code: 'RATE_LIMITED' })).toMatch(/too many questions/i);
    expect(describeError({ status: 400, code: 'INVALID_REQUEST', message: 'question: required' })).toBe(
      'The question could not be processed: question: required',
    );
    expect(describeError({ status: 413 })).toMatch(/too long/i);
    expect(describeError({ status: 503, code: 'UPSTREAM_FAILED', message: 'LLM timed out' })).toBe(
      'The assistant is temporarily unavailable. LLM timed out. Please try again shortly.',
    );
    expect(describeError({ status: 503, code: 'INDEX_NOT_READY' })).toMatch(/still being prepared/);
    expect(describeError({ status: 500 })).toMatch(/problem \(500\)/);
  });
});

describe('declineParts', () => {
  it.each([
    ['', DECLINE_MESSAGE, null],
    [
      'The Call for Action (2019) does not appear to address this question. The closest passages are listed below.',
      'The Call for Action (2019) does not appear to address this question.',
      null,
    ],
    [
      'The Call for Action (2019) does not appear to address this question. The Prague 1997 Recommendations address it: Recommendation 18, the first of the closest matches below.',
      'The Call for Action (2019) does not appear to address this question.',
      'The Prague 1997 Recommendations address it: Recommendation 18, the first of the closest matches below.',
    ],
    [
      'The Prague 1997 Recommendations have 55 recommendations; there is no Recommendation 60.',
      DECLINE_MESSAGE,
      'The Prague 1997 Recommendations have 55 recommendations; there is no Recommendation 60.',
    ],
  ])('%j → lead and extra', (answer, lead, extra) => {
    expect(declineParts(answer)).toEqual({ lead, extra });
  });
});

describe('historyFrom', () => {
  it('sends previous questions and answers, oldest first, capped', () => {
    const reply = (answer: string, grounded = true): ChatReply => ({
      answer,
      citations: [],
      grounded,
      mode: 'extractive',
    });
    const xs = Array.from({ length: 8 }, (_, i) => ({ question: `q${i}`, reply: reply(`a${i}`) }));
    const h = historyFrom(xs, 2);
    expect(h).toEqual([
      { role: 'user', content: 'q6' },
      { role: 'assistant', content: 'a6' },
      { role: 'user', content: 'q7' },
      { role: 'assistant', content: 'a7' },
    ]);
    expect(historyFrom([{ question: 'q', reply: reply('', false) }])[1].content).toBe(DECLINE_MESSAGE);
    expect(historyFrom([])).toEqual([]);
  });

  it('clips a long answer so six summaries stay well under the server’s body limit', () => {
    const long = 'word '.repeat(2000);
    const h = historyFrom(
      Array.from({ length: 6 }, (_, i) => ({
        question: `q${i}`,
        reply: { answer: long, citations: [], grounded: true, mode: 'extractive' as const },
      })),
    );
    expect(h[1].content.length).toBeLessThanOrEqual(2000);
    expect(h[1].content.endsWith('…')).toBe(true);
    expect(JSON.stringify(h).length).toBeLessThan(16_000);
  });
});

describe('newSectionHeadings', () => {
  it('prints only the parts of the heading path that changed, with their depth', () => {
    const a = 'Harmonization › (a) Common understanding';
    const b = 'Harmonization › (b) Criminalizing';
    expect(newSectionHeadings('', a)).toEqual([
      { depth: 0, text: 'Harmonization' },
      { depth: 1, text: '(a) Common understanding' },
    ]);
    expect(newSectionHeadings(a, b)).toEqual([{ depth: 1, text: '(b) Criminalizing' }]);
    expect(newSectionHeadings(b, b)).toEqual([]);
    expect(newSectionHeadings(b, 'Return')).toEqual([{ depth: 0, text: 'Return' }]);
    expect(newSectionHeadings(b, '')).toEqual([]);
  });
});
