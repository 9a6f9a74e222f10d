/**
 * @module tests/server/verify/verify-friction.int
 * POST /api/verify as evaluators first used it (issue 16): citations without `n` are numbered by position,
 * quotes retyped with straight quotes match the source's curly ones, and a quote that differs only in letter
 * case is reported as such.
 */
import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../support/test-server.js';

let app: Express;
beforeAll(async () => {
  app = await testApp();
});

const verify = (body: object) => request(app).post('/api/verify').send(body).expect(200);

describe('POST /api/verify: citations without n', () => {
  it('takes the first citation without n as [1]', async () => {
    const res = await verify({
      answer: 'Carriers can be fined [1].',
      citations: [
        { id: 'prague-1997:rec-18', quote: 'by fining and holding the carriers liable for the return costs' },
      ],
    });
    expect(res.body).toEqual({
      valid: true,
      citations: [{ id: 'prague-1997:rec-18', exists: true, quoteFound: true }],
      unmatchedMarkers: [],
    });
  });

  it('numbers each citation by its position, so a marker beyond them is still unmatched', async () => {
    const res = await verify({
      answer: 'Carriers can be fined [1] and staff trained [2]; see also [3].',
      citations: [
        { id: 'prague-1997:rec-18', quote: 'by fining and holding the carriers liable' },
        { id: 'prague-1997:rec-17', quote: 'develop forms of constructive co-operation with carriers' },
      ],
    });
    expect(res.body).toMatchObject({ valid: false, unmatchedMarkers: [3] });
  });
});

describe('POST /api/verify: typography and case', () => {
  const unit = 'budapest-process-30-years:30-years-anniversary-budapest-process-2';

  it('finds a straight-quoted quote in a source that has curly quotes', async () => {
    const res = await verify({
      citations: [{ id: unit, quote: 'the Budapest Process is a "young" migration dialogue' }],
    });
    expect(res.body).toEqual({ valid: true, citations: [{ id: unit, exists: true, quoteFound: true }] });
  });

  it('reports a quote that matches only when case is ignored, naming the word', async () => {
    const res = await verify({
      citations: [{ id: unit, quote: 'the Budapest Process is a "Young" migration dialogue' }],
    });
    expect(res.body.valid).toBe(false);
    expect(res.body.citations[0]).toEqual({
      id: unit,
      exists: true,
      quoteFound: false,
      reason: 'quote matches this unit only when letter case is ignored ("Young" where the source has "young")',
    });
  });
});
