import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../server/services.js';
import { testServices } from '../../support/test-server.js';

// A question that carries nothing from its conversation and finds no answer alone is asked again within the
// documents the conversation was about.
let services: Services;
beforeAll(async () => {
  services = await testServices();
}, 120_000);

type Turn = { role: 'user' | 'assistant'; content: string };
const ask = (question: string, history: Turn[] = []) =>
  services.answerer.answer({ question, history, mode: 'extractive' });
const penalties: Turn[] = [
  { role: 'user', content: 'What did Prague 1997 recommend on penalties for trafficking in aliens?' },
  { role: 'assistant', content: 'Recommendation 5 of the Prague 1997 Recommendations asks for imprisonment…' },
];

describe('a question declined alone, in a conversation', () => {
  const question = 'what happens to the sentence when it is aggravated?';

  it('is declined without a conversation', async () => {
    expect((await ask(question)).grounded).toBe(false);
  });

  it('is answered from the documents the conversation was about', async () => {
    const reply = await ask(question, penalties);
    expect(reply.grounded).toBe(true);
    expect(reply.citations.length).toBeGreaterThan(0);
    expect(reply.citations.every((c) => c.documentId === 'prague-1997')).toBe(true);
  });

  it('stays declined when the conversation named no document', async () => {
    const vague: Turn[] = [{ role: 'user', content: 'hello, can you help me with some questions?' }];
    expect((await ask(question, vague)).grounded).toBe(false);
  });
});

describe('a new topic the documents answer alone', () => {
  it('is not narrowed to the conversation’s documents', async () => {
    const history: Turn[] = [{ role: 'user', content: 'What did the 2009 declaration say about labour migration?' }];
    const reply = await ask('what counts as circular migration?', history);
    expect(reply.grounded).toBe(true);
    expect(reply.citations.some((c) => c.documentId !== 'prague-2009')).toBe(true);
  });
});
