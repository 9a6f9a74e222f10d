/**
 * @module tests/server/routes/policy-form.int
 * Issue 16 (citations in policy form, every reply names its index) and issue 15 item 4 (dates): each citation
 * carries a `reference` naming the document's date or year, and an absolute `link` when PUBLIC_URL is set;
 * /api/chat (JSON and stream), /api/search, /v1 and /healthz carry `indexBuild`; document listings carry the
 * date, the year and where it comes from.
 */
import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatReply } from '../../../server/answer/types.js';
import type { DocumentSummary } from '../../../server/catalogue.js';
import { testApp, testServices } from '../../support/test-server.js';

const PUBLIC_URL = 'https://assistant.example.org';

let app: Express;
let linkedApp: Express;
let indexBuild: string;
beforeAll(async () => {
  app = await testApp();
  linkedApp = await testApp({ publicUrl: PUBLIC_URL });
  indexBuild = (await testServices()).index.manifest.corpusFingerprint;
});

const chat = async (target: Express, question: string): Promise<ChatReply> =>
  (await request(target).post('/api/chat').send({ question }).expect(200)).body as ChatReply;

describe('document dates', () => {
  it('lists every document with a date or a year, and its source', async () => {
    const res = await request(app).get('/api/documents').expect(200);
    const byId = new Map((res.body.documents as DocumentSummary[]).map((d) => [d.id, d]));
    expect([...byId.values()].every((d) => typeof d.year === 'number' && typeof d.dateSource === 'string')).toBe(true);
    expect(byId.get('call-for-action')).toMatchObject({ date: null, year: 2019 });
    expect(byId.get('call-for-action')?.dateSource).toMatch(/^budapest-process-30-years: /);
    expect(byId.get('budapest-process-30-years')).toMatchObject({ date: null, year: 2023 });
    expect(byId.get('prague-1997')).toMatchObject({ date: '1997-10-14', year: 1997 });
  });
});

describe('citations in policy form', () => {
  it('gives each citation a reference with the date, and no link without PUBLIC_URL', async () => {
    const reply = await chat(app, 'What did Prague 1997 say about carrier sanctions?');
    const rec18 = reply.citations.find((c) => c.id === 'prague-1997:rec-18');
    expect(rec18?.reference).toBe('Prague 1997 Recommendations (14 Oct 1997), Recommendation 18');
    expect(reply.citations.every((c) => !('link' in c))).toBe(true);
  });

  it('names the year where only the year is known', async () => {
    const reply = await chat(app, 'What does the Call for Action say about migrant smuggling?');
    const fromCall = reply.citations.filter((c) => c.documentId === 'call-for-action');
    expect(fromCall.length).toBeGreaterThan(0);
    for (const c of fromCall) expect(c.reference).toBe(`Call for Action (2019), ${c.label}`);
  });

  it('adds an absolute link to each citation when PUBLIC_URL is set', async () => {
    const reply = await chat(linkedApp, 'What did Prague 1997 say about carrier sanctions?');
    expect(reply.citations.length).toBeGreaterThan(0);
    for (const c of reply.citations) expect(c.link).toBe(`${PUBLIC_URL}${c.url}`);
    expect(reply.citations.find((c) => c.id === 'prague-1997:rec-18')?.link).toBe(
      'https://assistant.example.org/documents/prague-1997#rec-18',
    );
  });
});

describe('every reply names its index', () => {
  it('/healthz', async () => {
    expect((await request(app).get('/healthz').expect(200)).body.indexBuild).toBe(indexBuild);
    expect(indexBuild).toMatch(/^[0-9a-f]{64}$/);
  });

  it('/api/chat, as JSON and in the stream’s done event', async () => {
    expect((await chat(app, 'What did Prague 1997 say about carrier sanctions?')).indexBuild).toBe(indexBuild);
    const res = await request(app)
      .post('/api/chat')
      .set('accept', 'text/event-stream')
      .send({ question: 'What did Prague 1997 say about carrier sanctions?' })
      .expect(200);
    const done = /event: done\ndata: (.*)\n/.exec(res.text)?.[1];
    expect((JSON.parse(done ?? '{}') as ChatReply).indexBuild).toBe(indexBuild);
  });

  it('/api/search', async () => {
    const res = await request(app).post('/api/search').send({ query: 'carrier sanctions' }).expect(200);
    expect(res.body.indexBuild).toBe(indexBuild);
  });

  it('/v1/chat/completions, at the top level and in the message', async () => {
    const res = await request(linkedApp)
      .post('/v1/chat/completions')
      .send({ model: 'budapest-process-assistant', messages: [{ role: 'user', content: 'carrier sanctions 1997' }] })
      .expect(200);
    expect(res.body.indexBuild).toBe(indexBuild);
    expect(res.body.choices[0].message.indexBuild).toBe(indexBuild);
    expect(res.body.citations[0].link).toMatch(/^https:\/\/assistant\.example\.org\/documents\//);
  });
});
