import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { testApp } from '../../support/test-server.js';

let app: Express;
beforeAll(async () => {
  app = await testApp();
});

interface Result {
  id: string;
  documentId: string;
  score: number;
}

async function search(body: object): Promise<Result[]> {
  const res = await request(app).post('/api/search').send(body).expect(200);
  return res.body.results as Result[];
}

describe('POST /api/search ranks the right unit first', () => {
  it.each([
    ['What did Prague 1997 say about carrier sanctions?', 'prague-1997:rec-18'],
    ['What does Recommendation 18 of Prague 1997 say?', 'prague-1997:rec-18'],
    ['paragraph 12 of the Vienna meeting', 'vienna-2005:para-12'],
    ['Priority Goal 4, action 6', 'call-for-action:pg-4.6'],
    ['clause (f) point 4', 'prague-2009:clause-f.4'],
    ['What should happen to airlines that bring passengers without proper papers?', 'prague-1997:rec-18'],
    ['Which recommendation of Prague 1997 deals with fraudulent documents?', 'prague-1997:rec-10'],
    ['biometrics in passports', 'prague-2009:clause-f.4'],
    ['the eighteenth recommendation of Prague 1997', 'prague-1997:rec-18'],
    ['PG4 action 6', 'call-for-action:pg-4.6'],
    ['clause (f)(4) of the 2009 declaration', 'prague-2009:clause-f.4'],
    ['the last paragraph of the Vienna meeting', 'vienna-2005:para-19'],
  ])('%s → %s', async (query, id) => {
    const results = await search({ query });
    expect(results[0].id).toBe(id);
  });
});

describe('POST /api/search contract', () => {
  it('returns whole units with the documented fields, best first', async () => {
    const results = await search({ query: 'readmission agreements', k: 10 });
    expect(results).toHaveLength(10);
    expect(new Set(results.map((r) => r.id)).size).toBe(10);
    expect(Object.keys(results[0]).sort()).toEqual([
      'documentId',
      'documentTitle',
      'id',
      'label',
      'page',
      'score',
      'section',
      'text',
    ]);
    for (let i = 1; i < results.length; i++) expect(results[i - 1].score).toBeGreaterThanOrEqual(results[i].score);
  });

  it('restricts to the documents a question names; "Prague" alone covers both Prague documents', async () => {
    const prague = await search({ query: 'What did the Prague conferences say about return?', k: 20 });
    expect(new Set(prague.map((r) => r.documentId))).toEqual(new Set(['prague-1997', 'prague-2009']));
    const vienna = await search({ query: 'trafficking victims at the Vienna meeting', k: 10 });
    expect(vienna.every((r) => r.documentId === 'vienna-2005')).toBe(true);
  });

  it("reads a misspelt word as the documents' own and says so; reports no corrections otherwise", async () => {
    const res = await request(app).post('/api/search').send({ query: 'carrier sanctons', k: 3 }).expect(200);
    expect(res.body.results[0].id).toBe('prague-1997:rec-18');
    expect(res.body.corrections).toEqual([{ from: 'sanctons', to: 'sanctions' }]);
    const plain = await request(app).post('/api/search').send({ query: 'carrier sanctions', k: 3 }).expect(200);
    expect(plain.body.corrections).toEqual([]);
    expect(plain.body.results.map((r: Result) => r.id)).toEqual(res.body.results.map((r: Result) => r.id));
  });

  it('restricts to the documents the caller passes', async () => {
    const results = await search({ query: 'return', documents: ['call-for-action'], k: 5 });
    expect(results.every((r) => r.documentId === 'call-for-action')).toBe(true);
  });

  it('gives each of several documents in scope at least its best unit, still best first', async () => {
    const alone = await search({ query: 'carrier sanctions', documents: ['prague-1997', 'call-for-action'], k: 20 });
    // Without the rule, Prague 1997 would fill the first three places.
    expect(alone.slice(0, 3).every((r) => r.documentId === 'prague-1997')).toBe(true);
    const docs = ['prague-1997', 'call-for-action', 'vienna-2005'];
    const results = await search({ query: 'carrier sanctions', documents: docs, k: 3 });
    expect(results[0].id).toBe('prague-1997:rec-18');
    expect(new Set(results.map((r) => r.documentId))).toEqual(new Set(docs));
    for (let i = 1; i < results.length; i++) expect(results[i - 1].score).toBeGreaterThanOrEqual(results[i].score);
    // "From 1997 to 2009" names every document dated in that span, Vienna 2005 among them.
    const named = await search({ query: 'How did the position on readmission change from 1997 to 2009?', k: 3 });
    expect(new Set(named.map((r) => r.documentId))).toEqual(new Set(['prague-1997', 'vienna-2005', 'prague-2009']));
  });

  it('keeps plain rank order when k is smaller than the number of documents in scope', async () => {
    const docs = ['prague-1997', 'call-for-action', 'vienna-2005'];
    const two = await search({ query: 'carrier sanctions', documents: docs, k: 2 });
    const many = await search({ query: 'carrier sanctions', documents: docs, k: 20 });
    expect(two.map((r) => r.id)).toEqual(many.slice(0, 2).map((r) => r.id));
  });

  it.each([
    [{ query: '   ' }, 'query'],
    [{ query: 'x', k: 0 }, 'k'],
    [{ query: 'x', k: 51 }, 'k'],
    [{ query: 'x', k: '5' }, 'k'],
    [{ query: 'x', documents: ['atlantis-2020'] }, 'atlantis-2020'],
  ])('refuses %j with 400 naming %s', async (body, named) => {
    const res = await request(app).post('/api/search').send(body).expect(400);
    expect(res.body.error.code).toBe('INVALID_REQUEST');
    expect(res.body.error.message).toContain(named);
  });
});
