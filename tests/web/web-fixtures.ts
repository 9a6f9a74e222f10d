/**
 * @module tests/web/web-fixtures
 * What the page's unit tests share: a citation of Prague 1997's Recommendation 18 as /api/chat returns it,
 * and the five documents as /api/documents lists them (dates, years and where each comes from).
 */
import type { Citation, DocumentSummary } from '../../web/src/types.js';

export const REC18_TEXT =
  'Recommend that sanctions be introduced against carriers conducting transport service\nand failing to identify improperly documented passengers, by fining and holding the carriers\nliable for the return costs;';

export function citation(over: Partial<Citation> = {}): Citation {
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

export const DOCS: DocumentSummary[] = [
  {
    id: 'prague-1997',
    title: 'Recommendations … (Prague, 1997)',
    shortTitle: 'Prague 1997 Recommendations',
    date: '1997-10-14',
    year: 1997,
    dateSource: 'prague-1997: “Meeting in Prague on 14-15 October 1997”',
    place: 'Prague',
    kind: 'recommendations',
    unitCount: 40,
  },
  {
    id: 'vienna-2005',
    title: 'Joint Meeting … (Vienna, 2005)',
    shortTitle: 'Vienna 2005 Bali–Budapest Joint Meeting',
    date: '2005-10-24',
    year: 2005,
    dateSource: null,
    place: 'Vienna',
    kind: 'meeting report',
    unitCount: 20,
  },
  {
    id: 'budapest-process-30-years',
    title: '30 Years Anniversary of the Budapest Process',
    shortTitle: 'Budapest Process at 30',
    date: null,
    year: 2023,
    dateSource:
      'budapest-process-30-years: “This year the Budapest Process celebrates its 30th anniversary.” (1993 + 30)',
    place: null,
    kind: 'publication',
    unitCount: 60,
  },
  {
    id: 'call-for-action',
    title: 'The Budapest Process Call for Action',
    shortTitle: 'Call for Action',
    date: null,
    year: 2019,
    dateSource: 'budapest-process-30-years: “Ministers adopted the … Call for Action in February 2019”',
    place: null,
    kind: 'action plan',
    unitCount: 30,
  },
  {
    id: 'prague-2009',
    title: 'Building Migration Partnerships … (2009)',
    shortTitle: 'Prague 2009 Joint Declaration',
    date: '2009-04-27',
    year: 2009,
    dateSource: 'prague-2009: “in Prague on 27 and 28 April 2009”',
    place: 'Prague',
    kind: 'declaration',
    unitCount: 50,
  },
];
