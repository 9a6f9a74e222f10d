/**
 * @module tests/web/citation-text.test
 * "Copy with citations": the answer as plain text with its markers, then one numbered footnote per
 * citation (reference, quote, link); a declined answer as the page shows it.
 */
import { describe, expect, it } from 'vitest';
import { answerWithFootnotes, citationLink, footnoteLine } from '../../web/src/citation-text.js';
import { DECLINE_MESSAGE } from '../../web/src/format.js';
import type { ChatReply } from '../../web/src/types.js';
import { DOCS, REC18_TEXT, citation } from './web-fixtures.js';

const ORIGIN = 'https://assistant.example.org';

describe('answerWithFootnotes', () => {
  it('gives the plain answer, then a footnote per citation in order of n: reference, quote, link', () => {
    const reply: ChatReply = {
      answer: '## Prague 1997\n\n- **Carriers** that fail to check documents are fined [2]\n- Fraud is punished [1]',
      citations: [
        citation({ n: 2, quote: REC18_TEXT }),
        citation({
          n: 1,
          id: 'prague-1997:rec-10',
          label: 'Recommendation 10',
          reference: 'Prague 1997 Recommendations (14 Oct 1997), Recommendation 10',
          quote: 'sanctions be introduced',
          url: '/documents/prague-1997#rec-10',
          link: 'https://public.example.org/documents/prague-1997#rec-10',
        }),
      ],
      grounded: true,
      mode: 'extractive',
    };
    expect(answerWithFootnotes(reply, DOCS, ORIGIN)).toBe(
      'Prague 1997\n\n- Carriers that fail to check documents are fined [2]\n- Fraud is punished [1]\n\n' +
        '[1] Prague 1997 Recommendations (14 Oct 1997), Recommendation 10. “sanctions be introduced” https://public.example.org/documents/prague-1997#rec-10\n' +
        '[2] Prague 1997 Recommendations (14 Oct 1997), Recommendation 18. “Recommend that sanctions be introduced against carriers conducting transport service and failing to identify improperly documented passengers, by fining and holding the carriers liable for the return costs;” https://assistant.example.org/documents/prague-1997#rec-18',
    );
  });

  it('copies a partial answer with its footnotes too', () => {
    const text = answerWithFootnotes(
      {
        answer: 'The documents do not state an amount for this; what they say on the topic:\n\nCarriers are fined [1]',
        citations: [citation()],
        grounded: false,
        mode: 'extractive',
      },
      DOCS,
      ORIGIN,
    );
    expect(text).toMatch(/^The documents do not state an amount/);
    expect(text).toMatch(/\n\n\[1\] Prague 1997 Recommendations \(14 Oct 1997\), Recommendation 18\. “.+” https:\/\//);
  });

  it('copies a declined answer as the page shows it, with its closest matches', () => {
    const declined: ChatReply = {
      answer: 'The documents do not appear to address this question.',
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
    expect(answerWithFootnotes(declined, DOCS, ORIGIN)).toBe(
      `${DECLINE_MESSAGE}\n\nClosest matches:\n- Paragraph 1, Vienna 2005 Bali–Budapest Joint Meeting`,
    );
  });
});

describe('a decline that names the silent document', () => {
  it('copies its own first sentence, not the standard message', () => {
    const declined: ChatReply = {
      answer:
        'The Prague 2009 Joint Declaration (2009) does not appear to address this question. The closest passages are listed below as closest matches, not as an answer.',
      citations: [],
      grounded: false,
      mode: 'extractive',
    };
    expect(answerWithFootnotes(declined, DOCS, ORIGIN)).toBe(
      'The Prague 2009 Joint Declaration (2009) does not appear to address this question.',
    );
  });
});

describe('footnote parts', () => {
  it('builds the reference from document and label when the server gave none, and ends it with a full stop', () => {
    expect(footnoteLine(citation({ reference: '', quote: '' }), DOCS, ORIGIN)).toBe(
      '[1] Prague 1997 Recommendations, Recommendation 18. https://assistant.example.org/documents/prague-1997#rec-18',
    );
  });

  it('links to the page’s own origin unless the server gave an absolute link, and never to an unsafe url', () => {
    expect(citationLink({ url: '/documents/a#b' }, 'http://127.0.0.1:3000/')).toBe(
      'http://127.0.0.1:3000/documents/a#b',
    );
    expect(citationLink({ url: '/documents/a#b', link: 'https://x.org/documents/a#b' }, ORIGIN)).toBe(
      'https://x.org/documents/a#b',
    );
    expect(citationLink({ url: 'javascript:alert(1)', link: 'javascript:alert(2)' }, ORIGIN)).toBe(
      'https://assistant.example.org/documents',
    );
  });
});
