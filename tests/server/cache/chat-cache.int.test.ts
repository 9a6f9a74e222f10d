/**
 * @module tests/server/cache/chat-cache.int
 * The answer cache through the chat endpoints (in-process store, as `npm start` runs without REDIS_URL): a
 * repeated question is answered without calling the model (`X-Cache: hit`, `Age`), streamed as token events
 * then done; /v1/chat/completions shares the entries; an answer written offline after the model failed is
 * not kept; /healthz says `redis: "off"`.
 */
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai.js';
import { testConfig } from '../../support/test-index.js';
import { testApp } from '../../support/test-server.js';

const QUESTION = 'What did Prague 1997 say about carrier sanctions?';
const ANSWER = 'Carriers that bring improperly documented passengers face fines [1].';

let fake: FakeOpenAI;
let app: Express;
const llmCalls = () => fake.requests.filter((r) => r.path === '/v1/chat/completions').length;

beforeAll(async () => {
  fake = await startFakeOpenAI({ kind: 'reply', text: ANSWER });
  app = await testApp({
    answerCache: { ttlSeconds: 600, maxEntries: 100 },
    // The stand-in as the chat model; the rest of the LLM settings as any test's.
    openai: { ...testConfig().openai, apiKey: 'test-key', baseURL: fake.url, maxRetries: 0 },
  });
});
afterAll(() => fake.close());

const ask = (body: object) => request(app).post('/api/chat').send(body).expect(200);

describe('the answer cache on /api/chat and /v1/chat/completions', () => {
  it('answers a repeated question from the cache, without the model', async () => {
    const first = await ask({ question: QUESTION });
    expect(first.headers['x-cache']).toBe('miss');
    expect(first.headers.age).toBeUndefined();
    const calls = llmCalls();
    const again = await ask({ question: `${QUESTION}  ` });
    expect(again.headers['x-cache']).toBe('hit');
    expect(again.headers.age).toMatch(/^\d+$/);
    expect(again.headers['cache-control']).toBe('no-store');
    expect(again.body).toEqual(first.body);
    expect(again.body).toMatchObject({ mode: 'llm', indexBuild: expect.any(String) });
    expect(llmCalls()).toBe(calls);
  });

  it('streams a cached answer as token events, then done with the same reply', async () => {
    const json = (await ask({ question: QUESTION })).body as { answer: string };
    const res = await request(app).post('/api/chat').set('Accept', 'text/event-stream').send({ question: QUESTION });
    expect(res.headers['x-cache']).toBe('hit');
    const events = [...res.text.matchAll(/event: (\w+)\ndata: (.*)\n\n/g)].map((m) => ({
      event: m[1],
      data: JSON.parse(m[2]) as { text?: string },
    }));
    const tokens = events.filter((e) => e.event === 'token');
    expect(tokens.length).toBeGreaterThan(3);
    expect(tokens.map((e) => e.data.text).join('')).toBe(json.answer);
    expect(events.at(-1)).toEqual({ event: 'done', data: json });
  });

  it('shares entries with the OpenAI-compatible endpoint', async () => {
    await ask({ question: 'What does the Call for Action say about return?' });
    const calls = llmCalls();
    const res = await request(app)
      .post('/v1/chat/completions')
      .send({ messages: [{ role: 'user', content: 'What does the Call for Action say about return?' }] })
      .expect(200);
    expect(res.headers['x-cache']).toBe('hit');
    expect(llmCalls()).toBe(calls);
  });

  it('keeps no answer written offline because the model failed', async () => {
    const question = 'What did Vienna 2005 say about trafficking in human beings?';
    fake.setBehaviour({ kind: 'error', status: 500 });
    const fallback = await ask({ question });
    expect(fallback.body).toMatchObject({ mode: 'extractive' });
    expect(fallback.headers['x-cache']).toBe('miss');
    fake.setBehaviour({ kind: 'reply', text: ANSWER });
    const fresh = await ask({ question });
    expect(fresh.headers['x-cache']).toBe('miss');
    expect(fresh.body).toMatchObject({ mode: 'llm' });
    expect((await ask({ question })).headers['x-cache']).toBe('hit');
  });

  it('reports no shared store on /healthz', async () => {
    expect((await request(app).get('/healthz').expect(200)).body.redis).toBe('off');
  });
});
