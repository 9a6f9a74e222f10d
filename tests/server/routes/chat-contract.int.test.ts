import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import type { ChatReply } from '../../../server/answer/types.js';
import { containsFolded } from '../../../core/text/fold.js';
import { citing, startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai.js';
import { standInOpenAI } from '../../support/llm-fixtures.js';
import { testApp } from '../../support/test-server.js';

let app: Express;
beforeAll(async () => {
  app = await testApp();
});

async function ask(body: object): Promise<ChatReply> {
  const res = await request(app).post('/api/chat').send(body).expect(200);
  return res.body as ChatReply;
}

/** The invariants every reply keeps, whatever the question. */
function expectWellFormed(reply: ChatReply): void {
  const markers = [...reply.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  const firstSeen = [...new Set(markers)];
  // Every [n] has its citation and every citation appears, numbered 1, 2, 3… in order of first appearance.
  expect(firstSeen).toEqual(reply.citations.map((c) => c.n));
  expect(firstSeen).toEqual(firstSeen.map((_, i) => i + 1));
  for (const c of reply.citations) {
    expect(containsFolded(c.text, c.quote)).toBe(true);
    expect(c.text.includes(c.quote)).toBe(true);
    expect(c.url).toBe(`/documents/${c.documentId}#${c.id.split(':')[1]}`);
    expect(c.valid).toBe(true);
  }
}

/** The events of a server-sent event stream, with their JSON data. */
function parseEvents(text: string): { event: string | undefined; data: unknown }[] {
  return text
    .trim()
    .split('\n\n')
    .map((block) => ({
      event: /^event: (.*)$/m.exec(block)?.[1],
      data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as unknown,
    }));
}

describe('POST /api/chat (extractive, offline)', () => {
  it('cites Recommendation 18 for the carrier-sanctions question, with its own words', async () => {
    const reply = await ask({ question: 'What did Prague 1997 say about carrier sanctions?' });
    expectWellFormed(reply);
    expect(reply).toMatchObject({ grounded: true, mode: 'extractive' });
    expect(reply.citations[0]).toMatchObject({ n: 1, id: 'prague-1997:rec-18', label: 'Recommendation 18' });
    expect(reply.citations[0].quote).toMatch(/sanctions be introduced against carriers/);
    expect(reply.answer).toMatch(/Prague 1997 Recommendations/);
    expect(reply.answer).toMatch(/Recommendation 18/);
  });

  it('answers a misspelt question as the spelt one, and says which words it read differently', async () => {
    const spelt = await ask({ question: 'What did Prague 1997 say about carrier sanctions?' });
    const reply = await ask({ question: 'What did Prague 1997 say about carier sanctons?' });
    expectWellFormed(reply);
    expect(reply.citations.map((c) => c.id)).toEqual(spelt.citations.map((c) => c.id));
    expect(reply.notice).toBe('Searched for “carrier”, “sanctions” (you wrote “carier”, “sanctons”).');
    expect(spelt.notice).toBeUndefined();
  });

  it('keeps a follow-up in the previous document', async () => {
    const first = await ask({ question: 'What did Prague 1997 say about carrier sanctions?' });
    const reply = await ask({
      question: 'And what about fraudulent documents?',
      history: [
        { role: 'user', content: 'What did Prague 1997 say about carrier sanctions?' },
        { role: 'assistant', content: first.answer },
      ],
    });
    expectWellFormed(reply);
    expect(reply.citations.map((c) => c.id)).toContain('prague-1997:rec-10');
    expect(reply.citations.every((c) => c.documentId === 'prague-1997')).toBe(true);
  });

  it('answers a question across years from each document, in date order', async () => {
    const reply = await ask({ question: 'How did the position on readmission change from 1997 to 2009?' });
    expectWellFormed(reply);
    const docs = reply.citations.map((c) => c.documentId);
    expect(docs).toContain('prague-1997');
    expect(docs).toContain('prague-2009');
    expect(docs.indexOf('prague-1997')).toBeLessThan(docs.indexOf('prague-2009'));
    // A timeline: a section per document, in date order, the earliest first.
    expect(reply.answer.indexOf('**Prague 1997 Recommendations')).toBeGreaterThan(0);
    expect(reply.answer.indexOf('**Prague 1997 Recommendations')).toBeLessThan(
      reply.answer.indexOf('**Prague 2009 Joint Declaration'),
    );
  });

  it.each(['What is the capital of Australia?', 'How do I bake sourdough bread?'])(
    'declines %s, listing closest matches but citing nothing',
    async (question) => {
      const reply = await ask({ question });
      expect(reply.grounded).toBe(false);
      expect(reply.citations).toEqual([]);
      expect(reply.answer).toMatch(/do not appear to address/);
      expect(reply.closestMatches?.length).toBeGreaterThan(0);
    },
  );

  it('answers an exact reference with that unit alone', async () => {
    const reply = await ask({ question: 'What does Priority Goal 4, action 6 say?' });
    expect(reply.citations.map((c) => c.id)).toEqual(['call-for-action:pg-4.6']);
  });

  it('says so when LLM mode is asked for but not configured', async () => {
    const reply = await ask({ question: 'What did Prague 1997 say about carrier sanctions?', mode: 'llm' });
    expect(reply.mode).toBe('extractive');
    expect(reply.notice).toMatch(/not configured/);
  });

  it('streams the same reply as server-sent events', async () => {
    const body = { question: 'How did the position on readmission change from 1997 to 2009?' };
    const json = await ask(body);
    const res = await request(app).post('/api/chat').set('Accept', 'text/event-stream').send(body).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/event-stream/);
    const events = parseEvents(res.text);
    const tokens = events.filter((e) => e.event === 'token').map((e) => (e.data as { text: string }).text);
    expect(tokens.length).toBeGreaterThan(5);
    expect(tokens.join('')).toBe(json.answer);
    expect(events.at(-1)?.event).toBe('done');
    expect(events.at(-1)?.data).toEqual(json);
  });
});

describe('POST /api/chat (LLM mode through a stand-in OpenAI server)', () => {
  let fake: FakeOpenAI;
  let llmApp: Express;
  beforeAll(async () => {
    fake = await startFakeOpenAI({
      kind: 'reply',
      text: citing('Recommendation 18', 'Carriers that bring improperly documented passengers face fines [1].'),
    });
    llmApp = await testApp({ openai: standInOpenAI(fake.url) });
  });
  afterAll(() => fake.close());

  const askLlm = () =>
    request(llmApp)
      .post('/api/chat')
      .send({ question: 'What did Prague 1997 say about carrier sanctions?' })
      .expect(200);

  it('returns the model answer with citations resolved against the passages it was given', async () => {
    fake.setBehaviour({
      kind: 'reply',
      text: citing('Recommendation 18', 'Carriers that bring improperly documented passengers face fines [1].'),
    });
    const res = await askLlm();
    const reply = res.body as ChatReply;
    expectWellFormed(reply);
    expect(reply).toMatchObject({ mode: 'llm', grounded: true });
    expect(reply.citations).toHaveLength(1);
    expect(reply.citations[0].id).toBe('prague-1997:rec-18');
    const prompt = JSON.stringify(fake.requests.at(-1)?.body.messages);
    expect(prompt).toContain('Recommend that sanctions be introduced against carriers');
  });

  it('drops a marker that points to no given passage', async () => {
    fake.setBehaviour({ kind: 'reply', text: 'Carriers are fined [1]. Also see passage 99 [99].' });
    const res = await askLlm();
    const reply = res.body as ChatReply;
    expectWellFormed(reply);
    expect(reply.answer).not.toContain('[99]');
    expect(reply.citations.map((c) => c.n)).toEqual([1]);
  });

  it('treats a reply that cites nothing as ungrounded', async () => {
    fake.setBehaviour({ kind: 'reply', text: 'Carriers are probably fined somewhere.' });
    const res = await askLlm();
    expect(res.body).toMatchObject({ mode: 'llm', grounded: false, citations: [] });
  });

  it('withdraws streamed model text with a reset event when the stream is cut, then streams the fallback', async () => {
    fake.setBehaviour({
      kind: 'cut',
      text: citing('Recommendation 18', 'Carriers that bring improperly documented passengers face fines [1].'),
      afterChunks: 3,
    });
    const res = await request(llmApp)
      .post('/api/chat')
      .set('Accept', 'text/event-stream')
      .send({ question: 'What did Prague 1997 say about carrier sanctions?' })
      .expect(200);
    const events = parseEvents(res.text);
    const names = events.map((e) => e.event);
    const reset = names.indexOf('reset');
    expect(reset).toBeGreaterThan(0);
    expect(names.slice(0, reset).every((n) => n === 'token')).toBe(true);
    const after = events
      .slice(reset + 1, -1)
      .map((e) => (e.data as { text: string }).text)
      .join('');
    const done = events.at(-1)?.data as ChatReply;
    expect(names.at(-1)).toBe('done');
    expect(done.mode).toBe('extractive');
    expect(after).toBe(done.answer);
  });

  it('falls back to the extractive answer with a notice when the upstream fails', async () => {
    fake.setBehaviour({ kind: 'error', status: 500 });
    const res = await askLlm();
    expect(res.body).toMatchObject({ mode: 'extractive', grounded: true });
    expect(res.body.notice).toMatch(/language model was unavailable/);
    expect(res.body.citations[0].id).toBe('prague-1997:rec-18');
  });
});
