/**
 * @module tests/server/routes/routes.int
 * The endpoints this service owns, on their good paths: /healthz, documents and passages (ids with colons
 * and dots), search, chat as JSON and as a stream — and a client that hangs up mid-answer leaves the
 * server answering the next one.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatReply } from '../../../server/answer/types.js';
import { isLlmConfigured } from '../../../server/answer/llm/configured.js';
import { testConfig } from '../../support/test-index.js';
import { testApp } from '../../support/test-server.js';
import { GOOD_CITATION, GOOD_QUESTION, postJson, startGuardedServer, type Running } from '../../reliability/helpers.js';

describe('GET /healthz', () => {
  it('says what is in service', async () => {
    const res = await request(await testApp()).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', documents: 5, llm: 'off' });
    expect(res.body.units).toBeGreaterThan(300);
    expect(res.body.embedder).toMatch(/^local-/);
  });

  // The answerer calls a chat model when it has a key, or a base URL of a server that needs none.
  it.each([
    ['a key', { apiKey: 'sk-test', baseURL: undefined }, 'configured'],
    ['a base URL alone', { apiKey: undefined, baseURL: 'http://127.0.0.1:9/v1' }, 'configured'],
    ['neither', { apiKey: undefined, baseURL: undefined }, 'off'],
  ])('reports the LLM with %s as %s', async (_what, openai, llm) => {
    const base = testConfig().openai;
    const res = await request(await testApp({ openai: { ...base, ...openai } })).get('/healthz');
    expect(res.body.llm).toBe(llm);
    expect(isLlmConfigured({ ...testConfig(), openai: { ...base, ...openai } })).toBe(llm === 'configured');
  });
});

describe('documents and passages', () => {
  it('lists documents and returns one with its units', async () => {
    const app = await testApp();
    const list = await request(app).get('/api/documents');
    expect(list.body.documents.map((d: { id: string }) => d.id)).toContain('prague-1997');
    const doc = await request(app).get('/api/documents/prague-1997');
    expect(doc.status).toBe(200);
    expect(doc.body.units.some((u: { id: string }) => u.id === GOOD_CITATION)).toBe(true);
  });

  it('returns a passage by id, including ids with dots', async () => {
    const app = await testApp();
    const rec = await request(app).get(`/api/passages/${GOOD_CITATION}`);
    expect(rec.status).toBe(200);
    expect(rec.body).toMatchObject({ id: GOOD_CITATION, documentId: 'prague-1997' });
    const doc = await request(app).get('/api/documents/call-for-action');
    const dotted = (doc.body.units as { id: string }[]).find((u) => u.id.includes('.'));
    expect(dotted).toBeDefined();
    expect((await request(app).get(`/api/passages/${dotted!.id}`)).status).toBe(200);
  });
});

describe('POST /api/search', () => {
  it('finds the carrier-sanctions recommendation, k results at most', async () => {
    const res = await request(await testApp())
      .post('/api/search')
      .send({ query: 'carrier sanctions', k: 3 });
    expect(res.status).toBe(200);
    expect(res.body.results.length).toBeLessThanOrEqual(3);
    expect(res.body.results.map((r: { id: string }) => r.id)).toContain(GOOD_CITATION);
  });
});

describe('POST /api/chat', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startGuardedServer();
  });
  afterAll(() => server.close());

  it('answers as JSON', async () => {
    const res = await postJson(server.port, '/api/chat', { question: GOOD_QUESTION });
    expect(res.status).toBe(200);
    expect((res.json as ChatReply).citations.map((c) => c.id)).toContain(GOOD_CITATION);
  });

  it('streams token events and one done event carrying the same answer', async () => {
    const plain = (await postJson(server.port, '/api/chat', { question: GOOD_QUESTION })).json as ChatReply;
    const res = await postJson(server.port, '/api/chat', { question: GOOD_QUESTION }, { accept: 'text/event-stream' });
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const blocks = res.text.split('\n\n').filter(Boolean);
    const tokens = blocks.filter((b) => b.startsWith('event: token'));
    const done = blocks.filter((b) => b.startsWith('event: done'));
    expect(tokens.length).toBeGreaterThan(3);
    expect(done).toHaveLength(1);
    const reply = JSON.parse(done[0].slice(done[0].indexOf('data: ') + 6)) as ChatReply;
    expect(reply.answer).toBe(plain.answer);
    const text = tokens.map((b) => (JSON.parse(b.slice(b.indexOf('data: ') + 6)) as { text: string }).text).join('');
    expect(text.trim()).toBe(reply.answer.trim());
  });

  it('survives clients hanging up mid-answer', async () => {
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const controller = new AbortController();
        const pending = fetch(`${server.url}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
          body: JSON.stringify({ question: GOOD_QUESTION }),
          signal: controller.signal,
        }).catch(() => null);
        setTimeout(() => controller.abort(), 1);
        await pending;
      }),
    );
    const res = await postJson(server.port, '/api/chat', { question: GOOD_QUESTION });
    expect(res.status).toBe(200);
  });
});
