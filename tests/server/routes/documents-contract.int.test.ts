import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { testApp } from '../../support/test-server.js';

let app: Express;
beforeAll(async () => {
  app = await testApp();
});

describe('GET /api/documents', () => {
  it('lists the five documents with their fixed ids and unit counts', async () => {
    const res = await request(app).get('/api/documents').expect(200);
    const ids = res.body.documents.map((d: { id: string }) => d.id).sort();
    expect(ids).toEqual(['budapest-process-30-years', 'call-for-action', 'prague-1997', 'prague-2009', 'vienna-2005']);
    const vienna = res.body.documents.find((d: { id: string }) => d.id === 'vienna-2005');
    expect(vienna).toMatchObject({ date: '2005-10-24', place: 'Vienna', kind: 'meeting report', unitCount: 19 });
    expect(res.body.documents.find((d: { id: string }) => d.id === 'call-for-action').unitCount).toBe(37);
  });
});

describe('GET /api/documents/:id', () => {
  it('returns the units in reading order with the unit contract', async () => {
    const res = await request(app).get('/api/documents/prague-1997').expect(200);
    expect(res.body).toMatchObject({ id: 'prague-1997', place: 'Prague', date: '1997-10-14' });
    const recs = res.body.units.filter((u: { kind: string }) => u.kind === 'recommendation');
    expect(recs.map((u: { number: number }) => u.number)).toEqual(Array.from({ length: 55 }, (_, i) => i + 1));
    const rec18 = recs[17];
    expect(Object.keys(rec18).sort()).toEqual(['id', 'kind', 'label', 'number', 'page', 'section', 'text']);
    expect(rec18).toMatchObject({
      id: 'prague-1997:rec-18',
      label: 'Recommendation 18',
      section: 'Pre-entry and entry control, in particular the approximation of visa regimes',
    });
    expect(rec18.text).toMatch(/^Recommend that sanctions be introduced against carriers/);
  });

  it.each(['nope', 'prague-1998', 'PRAGUE-1997'])('unknown id %s → 404 with the error shape', async (id) => {
    const res = await request(app).get(`/api/documents/${id}`).expect(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });
});

describe('GET /api/passages/:id', () => {
  it('returns one unit with its document', async () => {
    const res = await request(app).get('/api/passages/prague-2009:clause-f.4').expect(200);
    expect(res.body).toMatchObject({
      id: 'prague-2009:clause-f.4',
      label: 'Clause (f), point 4',
      documentId: 'prague-2009',
      documentTitle: expect.stringContaining('Building Migration Partnerships'),
    });
  });

  it('404s an unknown unit', async () => {
    const res = await request(app).get('/api/passages/prague-1997:rec-99').expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
