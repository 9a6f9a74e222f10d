import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../server/services.js';
import { testServices } from '../../support/test-server.js';

// A question that names a document and nothing else is about the document: its opening, and for a text
// without sections (the Vienna report), its paragraphs in order.
let services: Services;
beforeAll(async () => {
  services = await testServices();
}, 120_000);

describe('a summary of a whole document', () => {
  it.each(['Summarise the Vienna 2005 meeting', 'summarise the Vienna meeting'])('%s', async (question) => {
    const reply = await services.answerer.answer({ question, mode: 'extractive' });
    expect(reply.grounded).toBe(true);
    const ids = reply.citations.map((c) => c.id);
    expect(ids.slice(0, 5)).toEqual(['para-1', 'para-2', 'para-3', 'para-4', 'para-5'].map((p) => `vienna-2005:${p}`));
    // Not the closing thanks, which a search for "meeting" put first.
    expect(reply.answer).toMatch(/^According to paragraph 1 of the Vienna 2005/);
  });
});
