import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../server/services.js';
import { testServices } from '../../support/test-server.js';

// The Prague 1997 text files its recommendations under topic headings; a summary of a heading's topic cites
// every recommendation under it, though most never repeat the heading's words.
let services: Services;
beforeAll(async () => {
  services = await testServices();
}, 120_000);

const recs = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `prague-1997:rec-${from + i}`);

describe('a summary of what one heading of a document covers', () => {
  it.each([
    ['Summarise the Prague 1997 recommendations on technical and financial assistance', recs(43, 50)],
    ['summary of the 1997 recommendations on pre-entry and entry control please', recs(13, 23)],
    ['List the 1997 recommendations on information exchange on illegal migration', recs(39, 42)],
  ])('%s', async (question, expected) => {
    const reply = await services.answerer.answer({ question, mode: 'extractive' });
    expect(reply.grounded).toBe(true);
    expect(reply.citations.map((c) => c.id)).toEqual(expect.arrayContaining(expected));
  });

  it('a comparison is not crowded by one heading: each named document keeps its points', async () => {
    const reply = await services.answerer.answer({
      question: 'Compare what the 1997 and 2009 texts say about visas',
      mode: 'extractive',
    });
    expect(reply.citations.filter((c) => c.documentId === 'prague-2009').length).toBeGreaterThanOrEqual(2);
  });
});
