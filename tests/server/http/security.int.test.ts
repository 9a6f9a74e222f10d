/**
 * @module tests/server/http/security.int
 * The protective layer around the routes: security headers and CSP, CORS off unless configured, per-client
 * rate limiting, the ceiling on chat requests in progress, request ids, and the not-ready app that answers
 * while no index is in service.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp, createNotReadyApp } from '../../../server/app.js';
import { IndexError, RequestError } from '../../../core/errors.js';
import { publicErrorBody } from '../../../server/http/public-error.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai.js';
import { ROOT } from '../../support/paths.js';
import { testConfig } from '../../support/test-index.js';
import { testApp, testServices } from '../../support/test-server.js';
import { errorOf, GOOD_QUESTION, postJson, startGuardedServer, type Running } from '../../reliability/helpers.js';

const hasWeb = existsSync(path.join(ROOT, 'dist', 'web', 'index.html'));

describe('security headers', () => {
  it('sends helmet headers and no X-Powered-By on API answers, which are never cached', async () => {
    const res = await request(await testApp()).get('/api/documents');
    expect(res.status).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it.skipIf(!hasWeb)('serves the page with a CSP that allows only its own script and styles', async () => {
    const res = await request(await testApp()).get('/');
    expect(res.status).toBe(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });
});

describe('source maps of the page', () => {
  let rootDir: string;
  beforeAll(() => {
    rootDir = mkdtempSync(path.join(os.tmpdir(), 'bp-web-'));
    const web = path.join(rootDir, 'dist', 'web');
    mkdirSync(web, { recursive: true });
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(path.join(web, 'app.js'), 'export {};\n//# sourceMappingURL=app.js.map');
    writeFileSync(path.join(web, 'app.js.map'), '{"version":3,"sources":["../../web/src/main.ts"]}');
  });
  afterAll(() => rmSync(rootDir, { recursive: true, force: true }));

  it('are not served (404), though the script is', async () => {
    const app = await testApp({ rootDir });
    expect((await request(app).get('/app.js')).status).toBe(200);
    const map = await request(app).get('/app.js.map');
    expect(map.status).toBe(404);
    expect(map.body.error.code).toBe('NOT_FOUND');
  });

  it('are served with NODE_ENV=development', async () => {
    const app = await testApp({ rootDir, development: true });
    expect((await request(app).get('/app.js.map')).status).toBe(200);
  });
});

describe('CORS', () => {
  it('is off by default: no Access-Control headers, preflight refused', async () => {
    const app = await testApp();
    const res = await request(app).get('/api/documents').set('Origin', 'http://elsewhere.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await request(app).options('/api/chat').set('Origin', 'http://elsewhere.example');
    expect(pre.status).toBe(405);
  });

  it('allows only the configured origins', async () => {
    const app = await testApp({ corsOrigins: ['http://intranet.example'] });
    const ok = await request(app).get('/api/documents').set('Origin', 'http://intranet.example');
    expect(ok.headers['access-control-allow-origin']).toBe('http://intranet.example');
    expect(ok.headers.vary).toMatch(/Origin/);
    const pre = await request(app)
      .options('/api/chat')
      .set('Origin', 'http://intranet.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-methods']).toContain('POST');
    const other = await request(app).get('/api/documents').set('Origin', 'http://elsewhere.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limiting', () => {
  it('answers 429 RATE_LIMITED with Retry-After past the per-minute limit, and leaves /healthz alone', async () => {
    const app = await testApp({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await request(app).get('/api/documents')).status).toBe(200);
    const limited = await request(app).get('/api/documents');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers.ratelimit).toBeDefined();
    expect((await request(app).post('/api/search').send({ query: 'x' })).status).toBe(429);
    expect((await request(app).get('/healthz')).status).toBe(200);
  });

  it('is off with RATE_LIMIT_PER_MINUTE=0', async () => {
    const app = await testApp({ rateLimitPerMinute: 0 });
    for (let i = 0; i < 20; i++) expect((await request(app).get('/api/documents')).status).toBe(200);
  });
});

describe('chat requests in progress', () => {
  const UPSTREAM_DELAY_MS = 2_000;
  let fake: FakeOpenAI;
  let server: Running;

  beforeAll(async () => {
    fake = await startFakeOpenAI({ kind: 'reply', text: 'Carriers face sanctions [1].', delayMs: UPSTREAM_DELAY_MS });
    const base = testConfig();
    server = await startGuardedServer({
      chatMaxInFlight: 2,
      openai: { ...base.openai, apiKey: 'sk-admission', baseURL: fake.url, timeoutMs: 10_000, maxRetries: 0 },
    });
  });
  afterAll(async () => {
    await server.close();
    await fake.close();
  });

  /** Resolves once the stand-in upstream has received `n` more calls: those chats are admitted and busy. */
  async function upstreamCalls(n: number, since: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (fake.requests.length < since + n) {
      if (Date.now() > deadline) throw new Error('the chats never reached the upstream');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  const chat = () => postJson(server.port, '/api/chat', { question: GOOD_QUESTION });

  it('are capped: past CHAT_MAX_IN_FLIGHT a chat gets 503 SERVER_BUSY at once, and the slots come back', async () => {
    const since = fake.requests.length;
    const first = [chat(), chat()];
    await upstreamCalls(2, since);
    const t0 = Date.now();
    const busy = await chat();
    // Answered without waiting for either admitted chat (each holds the upstream for 2 s).
    expect(Date.now() - t0).toBeLessThan(UPSTREAM_DELAY_MS / 2);
    expect(busy.status).toBe(503);
    expect(errorOf(busy).code).toBe('SERVER_BUSY');
    expect(busy.headers['retry-after']).toBe('1');
    // Other endpoints are not affected by the chat ceiling.
    expect((await postJson(server.port, '/api/search', { query: 'carrier sanctions' })).status).toBe(200);
    for (const res of await Promise.all(first)) expect(res.status).toBe(200);
    expect((await chat()).status).toBe(200);
  });

  it('frees the slot of a client that hangs up', async () => {
    const since = fake.requests.length;
    const controllers = [new AbortController(), new AbortController()];
    const gone = controllers.map((c) =>
      fetch(`${server.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: GOOD_QUESTION }),
        signal: c.signal,
      }).catch(() => null),
    );
    await upstreamCalls(2, since);
    for (const c of controllers) c.abort();
    await Promise.all(gone);
    // A leaked slot never comes back; a released one is back as soon as the server sees the close.
    const deadline = Date.now() + 5_000;
    let statuses: number[] = [];
    do {
      statuses = (await Promise.all([chat(), chat()])).map((r) => r.status);
    } while (statuses.includes(503) && Date.now() < deadline);
    expect(statuses).toEqual([200, 200]);
  });
});

describe('slow senders', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startGuardedServer({ requestTimeoutMs: 400 });
  });
  afterAll(() => server.close());

  it.each([
    ['headers that never end', 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: '],
    [
      'a body that never completes',
      'POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"quest',
    ],
  ])('are cut off after REQUEST_TIMEOUT_MS with a JSON 408: %s', async (_what, partial) => {
    const t0 = Date.now();
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.write(partial));
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString('utf8')));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
      socket.setTimeout(5_000, () => socket.destroy(new Error('never cut off')));
    });
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'REQUEST_TIMEOUT', message: expect.any(String) },
    });
  });
});

describe('trickled bodies', () => {
  const TRICKLERS = 64;
  let server: Running;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // The default CHAT_MAX_IN_FLIGHT (64); a body timeout long enough to keep the tricklers open throughout.
    server = await startGuardedServer({ chatMaxInFlight: 64, bodyTimeoutMs: 30_000 });
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await server.close();
  });

  /** Opens a chat whose announced 200-byte body arrives one byte at a time, every 500 ms. */
  function trickle(port: number): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          'POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{',
        );
        const timer = setInterval(() => (socket.writable ? socket.write(' ') : clearInterval(timer)), 500);
        socket.once('close', () => clearInterval(timer));
        resolve(socket);
      });
      socket.on('error', reject);
    });
  }

  it(`hold no chat slot: with ${TRICKLERS} trickling sockets open, a normal chat still answers 200 at once`, async () => {
    for (let i = 0; i < TRICKLERS; i++) sockets.push(await trickle(server.port));
    await new Promise((r) => setTimeout(r, 300)); // every trickler is in, and past its headers
    const t0 = Date.now();
    const res = await postJson(server.port, '/api/chat', { question: GOOD_QUESTION });
    expect(res.status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(sockets.filter((s) => !s.destroyed)).toHaveLength(TRICKLERS);
  });
});

describe('a body slower than BODY_TIMEOUT_MS', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startGuardedServer({ bodyTimeoutMs: 500, requestTimeoutMs: 60_000 });
  });
  afterAll(() => server.close());

  it.each(['/api/chat', '/api/search', '/v1/chat/completions'])(
    'gets a JSON 408 and a closed connection on %s, long before REQUEST_TIMEOUT_MS',
    async (path) => {
      const t0 = Date.now();
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1', () =>
          socket.write(
            `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"q`,
          ),
        );
        const timer = setInterval(() => socket.writable && socket.write(' '), 100);
        let text = '';
        socket.on('data', (c: Buffer) => (text += c.toString('utf8')));
        socket.on('close', () => {
          clearInterval(timer);
          resolve(text);
        });
        socket.on('error', reject);
        socket.setTimeout(5_000, () => socket.destroy(new Error('never cut off')));
      });
      expect(Date.now() - t0).toBeLessThan(2_000);
      expect(reply).toMatch(/^HTTP\/1\.1 408 /);
      expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toEqual({
        error: { code: 'REQUEST_TIMEOUT', message: expect.stringContaining('500 ms') },
      });
    },
  );
});

describe('request ids', () => {
  // Silent: ids without pino-http (requestIds); info: pino-http's genReqId, lines discarded.
  it.each(['silent', 'info'])(
    'echoes a well-formed X-Request-Id and replaces anything else (log level %s)',
    async (level) => {
      const app = createApp(await testServices(), { logger: pino({ level }, { write: () => {} }) });
      const echoed = await request(app).get('/healthz').set('X-Request-Id', 'eval-run-42.7');
      expect(echoed.headers['x-request-id']).toBe('eval-run-42.7');
      const replaced = await request(app).get('/healthz').set('X-Request-Id', '<script>alert(1)</script>');
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    },
  );
});

describe('the not-ready app', () => {
  const config = testConfig({ indexDir: '/srv/secret/place/.index' });
  const app = createNotReadyApp(config, () => 'index: no index in /srv/secret/place/.index; run `npm run ingest`');

  it('answers /healthz and the API with 503 INDEX_NOT_READY, Retry-After, and no path', async () => {
    for (const res of [
      await request(app).get('/healthz'),
      await request(app).get('/api/documents'),
      await request(app).post('/api/chat').send({ question: GOOD_QUESTION }),
      await request(app).post('/v1/chat/completions').send({ messages: [] }),
    ]) {
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('INDEX_NOT_READY');
      expect(res.body.error.message).toContain('npm run ingest');
      expect(res.body.error.message).not.toContain('/srv/secret');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('still 404s unknown routes, and serves the page (which explains the 503)', async () => {
    expect((await request(app).get('/no/such/page')).status).toBe(404);
    if (hasWeb) expect((await request(app).get('/')).status).toBe(200);
  });
});

describe('error messages', () => {
  it('lose file-system paths on the way out', () => {
    const dirs = ['/opt/app/.index'];
    const index = publicErrorBody(
      new IndexError('INDEX_MISSING', 'index: no index in /opt/app/.index; run `npm run ingest`'),
      dirs,
    );
    expect(index.error.message).toBe('index: no index in [path]; run `npm run ingest`');
    const internal = publicErrorBody(new IndexError('INDEX_CORRUPT', 'failed reading /var/lib/x/units.json'), []);
    expect(internal.error.message).not.toContain('/var/lib');
    // A URL the client sent is theirs to see again.
    const notFound = publicErrorBody(new RequestError('NOT_FOUND', 'route: no route for GET /api/x/y'), dirs);
    expect(notFound.error.message).toBe('route: no route for GET /api/x/y');
  });
});
