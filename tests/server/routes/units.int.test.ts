/**
 * @module tests/server/routes/units.int
 * GET /api/units: every unit of every document in one call (the same ids, in the same order, as the five
 * document requests give), filtered by `document`, with the index that answered; bad filters are 400s.
 */
import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../../server/catalogue.js';
import type { UnitsReply } from '../../../server/routes/units.js';
import { testApp, testServices } from '../../support/test-server.js';

let app: Express;
beforeAll(async () => {
  app = await testApp();
});

describe('GET /api/units', () => {
  it('lists every unit with id, document, label, kind, section and page, as the document requests do', async () => {
    const { body } = (await request(app).get('/api/units').expect(200)) as { body: UnitsReply };
    const documents = (await request(app).get('/api/documents').expect(200)).body.documents as DocumentSummary[];
    const perDocument = await Promise.all(
      documents.map(async (d) => (await request(app).get(`/api/documents/${d.id}`).expect(200)).body),
    );
    const expected = perDocument.flatMap((d: { id: string; units: { id: string }[] }) =>
      d.units.map((u) => ({ id: u.id, documentId: d.id })),
    );
    expect(body.units.map((u) => ({ id: u.id, documentId: u.documentId }))).toEqual(expected);
    expect(body.units).toHaveLength(documents.reduce((sum, d) => sum + d.unitCount, 0));
    expect(body.units.find((u) => u.id === 'prague-1997:rec-18')).toEqual({
      id: 'prague-1997:rec-18',
      documentId: 'prague-1997',
      label: 'Recommendation 18',
      kind: 'recommendation',
      section: 'Pre-entry and entry control, in particular the approximation of visa regimes',
      page: null,
    });
    expect(body.indexBuild).toBe((await testServices()).index.manifest.corpusFingerprint);
  });

  it('keeps to one document with ?document=', async () => {
    const { body } = (await request(app).get('/api/units?document=call-for-action').expect(200)) as {
      body: UnitsReply;
    };
    expect(body.units).toHaveLength(37);
    expect(body.units.every((u) => u.documentId === 'call-for-action')).toBe(true);
    expect(body.units[0]).toMatchObject({ id: 'call-for-action:pg-1.1', label: 'Priority Goal 1, Action 1' });
  });

  it.each([
    ['an unknown document', '?document=prague-1998', /unknown document id "prague-1998"/],
    ['a malformed id', '?document=../../x', /document: must be a document id/],
    ['two documents', '?document=prague-1997&document=vienna-2005', /document/],
  ])('answers 400 for %s', async (_name, query, message) => {
    const res = await request(app).get(`/api/units${query}`).expect(400);
    expect(res.body.error.code).toBe('INVALID_REQUEST');
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 405 for POST', async () => {
    await request(app).post('/api/units').send({}).expect(405).expect('allow', 'GET');
  });
});
