/**
 * @module tests/server/http/fuzz.int
 * Property test of the HTTP layer: random bodies (JSON of every shape, deep nesting, random bytes and
 * text), declared charsets, byte encodings and content encodings against every POST route. Whatever is
 * sent, the answer is a 200 or a JSON error below 500, and the server still answers /healthz afterwards.
 * Before issue #12 a UTF-16 body nested 8,000 deep ended the process.
 */
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, rawRequest, startGuardedServer, type Running } from '../../reliability/helpers.js';

const ROUTES = ['/api/search', '/api/chat', '/api/verify', '/v1/chat/completions'] as const;
type Route = (typeof ROUTES)[number];

/** A body each route accepts, around fuzzed text, so that 200s are part of the mix. */
function plausible(route: Route, text: string): unknown {
  switch (route) {
    case '/api/search':
      return { query: text, k: 3 };
    case '/api/chat':
      return { question: text, history: [{ role: 'user', content: text }] };
    case '/api/verify':
      return { answer: `${text} [1]`, citations: [{ n: 1, id: 'prague-1997:rec-18', quote: text }] };
    case '/v1/chat/completions':
      return { messages: [{ role: 'user', content: text }] };
  }
}

// Characters whose UTF-16 code units contain the bytes of '"', '\' or a bracket, besides arbitrary text.
const tricky = fc.oneof(
  fc.constantFrom('\u0122', '\u225c', '\u5b5b', '\u7b22', '\u5c00', '\uFEFF', '"', '\\', 'Ģ\\"['),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const nested = fc
  .record({
    filler: tricky,
    // Shallow (the limit is 16) or deep enough to overflow a recursive walk (~8,000 levels).
    depth: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 8_000, max: 14_000 })),
    open: fc.constantFrom('[', '{"a":'),
  })
  .map(({ filler, depth, open }) => {
    const close = open === '[' ? ']' : '}';
    return `{"question":"q","query":"q","x":${JSON.stringify(filler)},"d":${open.repeat(depth)}1${close.repeat(depth)}}`;
  });

const bodyText = (route: Route) =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }).map((t) => JSON.stringify(plausible(route, t))),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: nested },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 500 }) },
  );

const CHARSETS = [
  undefined,
  'utf-8',
  'UTF-8',
  'utf-16le',
  'utf-16be',
  'utf-16',
  'utf-7',
  'utf-32',
  'latin1',
  'bogus',
] as const;

/** The body's bytes in the charset its header names, when Node can write it; as UTF-8 otherwise. */
function encode(text: string, charset: string | undefined): Buffer {
  switch (charset?.toLowerCase()) {
    case 'utf-16le':
    case 'utf-16':
      return Buffer.from(text, 'utf16le');
    case 'utf-16be':
      return Buffer.from(text, 'utf16le').swap16();
    case 'latin1':
      return Buffer.from(text, 'latin1');
    default:
      return Buffer.from(text, 'utf8');
  }
}

const COMPRESS: Record<string, (b: Buffer) => Buffer> = {
  gzip: gzipSync,
  deflate: deflateSync,
  br: brotliCompressSync,
  identity: (b) => b,
  'x-unknown': (b) => b,
};

const request = fc.constantFrom(...ROUTES).chain((route) =>
  fc.record({
    route: fc.constant(route),
    text: bodyText(route),
    raw: fc.option(fc.uint8Array({ maxLength: 400 }), { freq: 5 }),
    type: fc.oneof(
      { weight: 8, arbitrary: fc.constant('application/json') },
      { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded') },
    ),
    charset: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(undefined, 'utf-8') },
      { weight: 2, arbitrary: fc.constantFrom(...CHARSETS) },
    ),
    encoding: fc.option(fc.constantFrom(...Object.keys(COMPRESS)), { freq: 3 }),
    stream: fc.boolean(),
  }),
);

let server: Running;
beforeAll(async () => {
  server = await startGuardedServer();
});
afterAll(() => server.close());

describe('every POST route, fuzzed', () => {
  it('answers a 200 or a JSON error below 500, and stays up', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const bytes = COMPRESS[r.encoding ?? 'identity'](r.raw ? Buffer.from(r.raw) : encode(r.text, r.charset));
        const headers: Record<string, string> = {
          'content-type': r.charset === undefined ? r.type : `${r.type}; charset=${r.charset}`,
        };
        if (r.encoding) headers['content-encoding'] = r.encoding;
        if (r.stream) headers.accept = 'text/event-stream';
        const res = await rawRequest(server.port, { method: 'POST', path: r.route, headers, body: bytes }, 5_000);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 200) {
          if (String(res.headers['content-type']).startsWith('text/event-stream')) {
            expect(res.text).not.toContain('event: error');
          } else {
            expect(res.json).toBeTypeOf('object');
          }
        } else {
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(res.headers['content-type']).toMatch(/^application\/json/);
          errorOf(res);
        }
        expect((await rawRequest(server.port, { path: '/healthz' })).status).toBe(200);
      }),
      { numRuns: 400 },
    );
    console.log(`fuzz: statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    // The mix reached the routes' answers, not only the parser's refusals.
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
    expect(statuses.get(415)).toBeGreaterThan(0);
  }, 120_000);
});
