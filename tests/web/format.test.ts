/**
 * @module tests/web/format.test
 * The page's pure text logic: answer segmentation (markup must stay text), chip labels, the copied plain
 * text, quote location for highlighting, links, dates, error messages and follow-up history.
 */
import { describe, expect, it } from 'vitest';
import {
  DECLINE_MESSAGE,
  answerAsPlainText,
  chipLabel,
  citationHref,
  compactDocName,
  describeError,
  findQuoteRange,
  formatDate,
  historyFrom,
  modeLabel,
  newSectionHeadings,
  safeHref,
  segmentAnswer,
} from '../../web/src/format.js';
import type { ChatReply, Citation, DocumentSummary } from '../../web/src/types.js';

const REC18_TEXT =
  'Recommend that sanctions be introduced against carriers conducting transport service\nand failing to identify improperly documented passengers, by fining and holding the carriers\nliable for the return costs;';

function citation(over: Partial<Citation> = {}): Citation {
  return {
    n: 1,
    id: 'prague-1997:rec-18',
    documentId: 'prague-1997',
    documentTitle:
      'Recommendations of the Conference of Ministers on the Prevention of Illegal Migration held in the context of the Budapest Process (Prague, 1997)',
    label: 'Recommendation 18',
    section: '(c) The need for accession to and implementation of relevant international instruments',
    quote:
      'Recommend that sanctions be introduced against carriers conducting transport service and failing to identify improperly documented passengers',
    text: REC18_TEXT,
    page: 4,
    url: '/documents/prague-1997#rec-18',
    reference: 'Prague 1997 Recommendations (14 Oct 1997), Recommendation 18',
    valid: true,
    ...over,
  };
}

const DOCS: DocumentSummary[] = [
  {
    id: 'prague-1997',
    title: 'Recommendations … (Prague, 1997)',
    shortTitle: 'Prague 1997 Recommendations',
    date: '1997-10-14',
    place: 'Prague',
    kind: 'recommendations',
    unitCount: 40,
  },
  {
    id: 'vienna-2005',
    title: 'Joint Meeting … (Vienna, 2005)',
    shortTitle: 'Vienna 2005 Bali–Budapest Joint Meeting',
    date: '2005-10-24',
    place: 'Vienna',
    kind: 'meeting report',
    unitCount: 20,
  },
  {
    id: 'budapest-process-30-years',
    title: '30 Years Anniversary of the Budapest Process',
    shortTitle: 'Budapest Process at 30',
    date: null,
    place: null,
    kind: 'publication',
    unitCount: 60,
  },
  {
    id: 'call-for-action',
    title: 'The Budapest Process Call for Action',
    shortTitle: 'Call for Action',
    date: null,
    place: null,
    kind: 'action plan',
    unitCount: 30,
  },
  {
    id: 'prague-2009',
    title: 'Building Migration Partnerships … (2009)',
    shortTitle: 'Prague 2009 Joint Declaration',
    date: '2009-04-27',
    place: 'Prague',
    kind: 'declaration',
    unitCount: 50,
  },
];

describe('segmentAnswer', () => {
  it('turns [n] markers into citation segments and keeps the text around them', () => {
    const c1 = citation();
    const c2 = citation({ n: 2, id: 'prague-1997:rec-17', label: 'Recommendation 17' });
    const segs = segmentAnswer('Carriers face fines [1]. Training helps [2].', [c1, c2]);
    expect(segs).toEqual([
      { type: 'text', text: 'Carriers face fines ' },
      { type: 'cite', n: 1, citation: c1 },
      { type: 'text', text: '. Training helps ' },
      { type: 'cite', n: 2, citation: c2 },
      { type: 'text', text: '.' },
    ]);
  });

  it('splits grouped markers such as [1, 2] and [1; 2]', () => {
    const c1 = citation();
    const c2 = citation({ n: 2 });
    expect(
      segmentAnswer('Both [1, 2].', [c1, c2])
        .filter((s) => s.type === 'cite')
        .map((s) => s.type === 'cite' && s.n),
    ).toEqual([1, 2]);
    expect(segmentAnswer('Both [1;2].', [c1, c2]).filter((s) => s.type === 'cite')).toHaveLength(2);
  });

  it('leaves markers without a citation, and bracketed years, as text', () => {
    const segs = segmentAnswer('In [1997] they agreed [3] and [1, 9].', [citation()]);
    expect(segs).toEqual([
      { type: 'text', text: 'In [1997] they agreed [3] and ' },
      { type: 'cite', n: 1, citation: citation() },
      { type: 'text', text: '[9].' },
    ]);
  });

  it('keeps markup and script in the answer as plain text segments', () => {
    const answer = '<script>alert(1)</script> <b>bold</b> <img src=x onerror=alert(2)> [1] &amp; "q"';
    const segs = segmentAnswer(answer, [citation()]);
    expect(segs[0]).toEqual({
      type: 'text',
      text: '<script>alert(1)</script> <b>bold</b> <img src=x onerror=alert(2)> ',
    });
    expect(segs[1].type).toBe('cite');
    expect(segs[2]).toEqual({ type: 'text', text: ' &amp; "q"' });
    // Nothing is dropped or rewritten: the text segments plus markers rebuild the answer exactly.
    expect(segs.map((s) => (s.type === 'text' ? s.text : `[${s.n}]`)).join('')).toBe(answer);
  });

  it('handles an empty answer and an answer with no markers', () => {
    expect(segmentAnswer('', [])).toEqual([]);
    expect(segmentAnswer('Plain.', [])).toEqual([{ type: 'text', text: 'Plain.' }]);
  });
});

describe('chipLabel and compactDocName', () => {
  it('shows "Prague 1997 · Recommendation 18"', () => {
    expect(chipLabel(citation(), DOCS)).toBe('Prague 1997 · Recommendation 18');
  });

  it('derives compact names from shortTitle, then place + year, then shortTitle', () => {
    expect(compactDocName(DOCS[1])).toBe('Vienna 2005');
    expect(compactDocName(DOCS[2])).toBe('Budapest Process at 30');
    expect(compactDocName(DOCS[3])).toBe('Call for Action');
    expect(compactDocName(DOCS[4])).toBe('Prague 2009');
    expect(compactDocName({ id: 'x', shortTitle: 'Joint Declaration', date: '2009-04-27', place: 'Prague' })).toBe(
      'Prague 2009',
    );
    expect(compactDocName({ id: 'x', shortTitle: '2019 Call for Action', date: null, place: null })).toBe(
      '2019 Call for Action',
    );
  });

  it('falls back to the full title "(Place, Year)" when the document list is not loaded', () => {
    expect(chipLabel(citation(), [])).toBe('Prague 1997 · Recommendation 18');
    expect(chipLabel(citation({ documentTitle: 'Some Title', documentId: 'some' }), [])).toBe(
      'Some Title · Recommendation 18',
    );
    expect(chipLabel(citation({ documentTitle: '', documentId: 'some', label: '' }), [])).toBe('some');
  });
});

describe('answerAsPlainText', () => {
  const reply: ChatReply = {
    answer: 'Carriers that fail to identify improperly documented passengers should be fined [1].',
    citations: [citation({ quote: REC18_TEXT })],
    grounded: true,
    mode: 'extractive',
  };

  it('gives the answer then one line per citation with document, label and the quote', () => {
    expect(answerAsPlainText(reply, DOCS)).toBe(
      'Carriers that fail to identify improperly documented passengers should be fined [1].\n\n' +
        '[1] Prague 1997 Recommendations, Recommendation 18: "Recommend that sanctions be introduced against carriers conducting transport service and failing to identify improperly documented passengers, by fining and holding the carriers liable for the return costs;"',
    );
  });

  it('orders citations by n and uses the full title when the document is unknown', () => {
    const r: ChatReply = {
      ...reply,
      answer: 'A [2] B [1]',
      citations: [citation({ n: 2, label: 'Recommendation 17', quote: 'q2' }), citation({ n: 1, quote: 'q1' })],
    };
    const lines = answerAsPlainText(r).split('\n');
    expect(lines[2]).toMatch(/^\[1\] Recommendations of the Conference .*\(Prague, 1997\), Recommendation 18: "q1"$/);
    expect(lines[3]).toMatch(/^\[2\] .*Recommendation 17: "q2"$/);
  });

  it('for a declined answer says so and lists closest matches, not citations', () => {
    const declined: ChatReply = {
      answer: '',
      citations: [],
      grounded: false,
      mode: 'extractive',
      closestMatches: [
        {
          id: 'vienna-2005:para-1',
          documentId: 'vienna-2005',
          documentTitle: 'Joint Meeting',
          label: 'Paragraph 1',
          text: '…',
          url: '/documents/vienna-2005#para-1',
          score: 0.2,
        },
      ],
    };
    expect(answerAsPlainText(declined, DOCS)).toBe(
      `${DECLINE_MESSAGE}\n\nClosest matches:\n- Paragraph 1, Vienna 2005 Bali–Budapest Joint Meeting`,
    );
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
