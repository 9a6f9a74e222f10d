/**
 * @module tests/server/http/public-error
 * toPublicError, the one place an error becomes what a client sees: status, `{ error: { code, message } }`
 * without file-system paths, and the error to log for failures only.
 */
import { describe, expect, it } from 'vitest';
import { AppError, IndexError, RequestError, UpstreamError } from '../../../core/errors.js';
import { toPublicError } from '../../../server/http/public-error.js';

const DIRS = ['/srv/app/.index'];

describe('toPublicError', () => {
  it.each([
    {
      what: 'a client error',
      err: new RequestError('INVALID_REQUEST', 'request: "question" is required'),
      status: 400,
      body: { code: 'INVALID_REQUEST', message: 'request: "question" is required' },
      logged: false,
    },
    {
      what: 'an index failure naming a known folder',
      err: new IndexError('INDEX_CORRUPT', 'index: cannot read /srv/app/.index/build-1/units.json'),
      status: 503,
      body: { code: 'INDEX_CORRUPT', message: expect.not.stringContaining('/srv/app') as unknown },
      logged: true,
    },
    {
      what: 'an upstream failure naming any path',
      err: new UpstreamError('llm: failed reading /home/someone/.config/x.json'),
      status: 503,
      body: { code: 'UPSTREAM_FAILED', message: expect.not.stringContaining('/home/someone') as unknown },
      logged: true,
    },
    {
      what: 'an expected 503 (load shed)',
      err: new RequestError('SERVER_BUSY', 'server: busy'),
      status: 503,
      body: { code: 'SERVER_BUSY', message: 'server: busy' },
      logged: false,
    },
    {
      what: 'a body-parser error',
      err: Object.assign(new Error('Unexpected token'), { status: 400, type: 'entity.parse.failed' }),
      status: 400,
      body: { code: 'INVALID_REQUEST', message: 'request: body is not valid JSON' },
      logged: false,
    },
    {
      what: 'an unknown error',
      err: new TypeError('cannot read properties of undefined at /srv/app/server/x.ts:3'),
      status: 500,
      body: { code: 'INTERNAL', message: 'server: internal error' },
      logged: true,
    },
    {
      what: 'a thrown string',
      err: 'boom',
      status: 500,
      body: { code: 'INTERNAL', message: 'server: internal error' },
      logged: true,
    },
  ])('$what → $status', ({ err, status, body, logged }) => {
    const out = toPublicError(err, { knownDirs: DIRS });
    expect(out.status).toBe(status);
    expect(out.body).toEqual({ error: body });
    expect(out.log !== undefined).toBe(logged);
    if (logged && err instanceof Error) expect(out.log).toBe(err);
  });

  it('names who failed in the message of an unknown error', () => {
    expect(toPublicError(new Error('x'), { where: 'chat' }).body.error.message).toBe('chat: internal error');
    expect(toPublicError(new AppError('INTERNAL', 'chat: kept'), { where: 'x' }).body.error.message).toBe('chat: kept');
  });
});
