/**
 * @module tests/server/verify/verify.int
 * POST /api/verify over the real app and the shared test index: quotes checked against the real corpus, and
 * the service's error shape for bad requests.
 */
import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testServices } from '../../support/test-server.js';

let app: Express;
// Found by its words, not its number, so the test outlives renumbering of the considerations.
let hyphenatedUnit: string;

beforeAll(async () => {
  app = await testApp();
  const services = await testServices();
  const unit = services.index.units.find((u) => u.text.includes('genuine documents, providing advice'));
  if (!unit) throw new Error('verify.int: no unit with "genuine documents, providing advice" in the test index');
  hyphenatedUnit = unit.id;
});

const verify = (body: unknown) =>
  request(app)
    .post('/api/verify')
    .send(body as object);

describe('POST /api/verify', () => {
  it('accepts a quote of the cited unit', async () => {
    const res = await verify({
      answer: 'Carriers are to be fined [1].',
      citations: [
        { n: 1, id: 'prague-1997:rec-18', quote: 'by fining and holding the carriers liable for the return costs' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      valid: true,
      citations: [{ id: 'prague-1997:rec-18', exists: true, quoteFound: true }],
      unmatchedMarkers: [],
    });
  });

  it('accepts a quote written with other whitespace and the source line-break hyphen ("pro- viding")', async () => {
    const res = await verify({
      citations: [{ id: hyphenatedUnit, quote: 'abuse of genuine   documents,\npro- viding advice' }],
    });
    expect(res.body.valid).toBe(true);
  });

  it('refuses a quote from another unit and names the unit it comes from', async () => {
    const res = await verify({
      citations: [{ id: 'prague-1997:rec-18', quote: 'develop forms of constructive co-operation with carriers' }],
    });
    expect(res.body.valid).toBe(false);
    expect(res.body.citations[0]).toMatchObject({ exists: true, quoteFound: false });
    expect(res.body.citations[0].reason).toBe('quote found in prague-1997:rec-17, not in this unit');
  });

  it('reports an unknown unit id', async () => {
    const res = await verify({ citations: [{ id: 'prague-1997:rec-999' }] });
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.citations[0]).toMatchObject({ id: 'prague-1997:rec-999', exists: false });
    expect(res.body.citations[0].reason).toMatch(/no unit with id "prague-1997:rec-999"/);
  });

  it('reports a marker of the answer without a citation', async () => {
    const res = await verify({ answer: 'Fined [1], trained [2].', citations: [{ n: 1, id: 'prague-1997:rec-18' }] });
    expect(res.body).toMatchObject({ valid: false, unmatchedMarkers: [2] });
  });

  it.each([
    ['no citations field', { answer: 'x' }, /citations/],
    ['citations not an array', { citations: 'prague-1997:rec-18' }, /citations/],
    ['a citation without id', { citations: [{ quote: 'x' }] }, /citations\.0\.id/],
    ['a non-integer n', { citations: [{ id: 'prague-1997:rec-18', n: 1.5 }] }, /citations\.0\.n/],
  ])('answers 400 for %s', async (_name, body, where) => {
    const res = await verify(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_REQUEST');
    expect(res.body.error.message).toMatch(where);
  });

  it('answers 400 for malformed JSON, 415 for a non-JSON body and 405 for GET', async () => {
    const bad = await request(app).post('/api/verify').set('Content-Type', 'application/json').send('{"citations": [');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_REQUEST');
    const text = await request(app).post('/api/verify').set('Content-Type', 'text/plain').send('citations');
    expect(text.status).toBe(415);
    const get = await request(app).get('/api/verify');
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
  });
});
