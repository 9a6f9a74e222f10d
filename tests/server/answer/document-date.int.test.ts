import { beforeAll, describe, expect, it } from 'vitest';
import { parseDateSource } from '../../../server/answer/document-date.js';
import type { Services } from '../../../server/services.js';
import { testServices } from '../../support/test-server.js';

// "When was the 2009 conference?" is answered by the passage the manifest cites for the document's date.
let services: Services;
beforeAll(async () => {
  services = await testServices();
}, 120_000);

const ask = (question: string) => services.answerer.answer({ question, mode: 'extractive' });

describe('a question about when a document’s event was', () => {
  it.each([
    ['When did the 2009 Prague conference take place?', 'prague-2009:preamble-2', /27 and 28 April 2009/],
    ['when was the 1997 conference?', 'prague-1997:preamble-1', /14-15 October 1997/],
    [
      'When was the Call for Action adopted?',
      'budapest-process-30-years:30-years-anniversary-budapest-process-2',
      /February 2019/,
    ],
  ])('%s → %s', async (question, unit, date) => {
    const reply = await ask(question);
    expect(reply.grounded).toBe(true);
    expect(reply.citations[0]?.id).toBe(unit);
    expect(reply.answer.split('\n')[0]).toMatch(date);
  });

  it('a date question with a topic of its own is searched as usual', async () => {
    const reply = await ask('When did the 2009 declaration say labour migration should be reviewed?');
    expect(reply.citations[0]?.id).not.toBe('prague-2009:preamble-2');
  });
});

describe('parseDateSource', () => {
  it.each([
    [
      'prague-2009: “in Prague on 27 and 28 April 2009”',
      { documentId: 'prague-2009', quote: 'in Prague on 27 and 28 April 2009' },
    ],
    [
      'budapest-process-30-years: “Ministers adopted the “Istanbul Commitments … Call for Action “ in February 2019” (note)',
      {
        documentId: 'budapest-process-30-years',
        quote: 'Ministers adopted the “Istanbul Commitments … Call for Action “ in February 2019',
      },
    ],
    ['no quote here', null],
  ])('%s', (source, parsed) => {
    expect(parseDateSource(source)).toEqual(parsed);
  });
});
