/**
 * @module tests/reliability/embeddings-faults.int
 * With EMBEDDINGS=openai every search embeds the query upstream. When that upstream fails at query time —
 * an error status, no answer, a body that stalls — /api/search answers 503 UPSTREAM_FAILED within a
 * bounded time (never a hang, never the key), the rest of the API keeps working, and search recovers
 * with the upstream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runIngest } from '../../ingest/pipeline.js';
import { createApp } from '../../server/app.js';
import { buildServices } from '../../server/bootstrap.js';
import type { Config } from '../../core/config.js';
import { configureServer } from '../../server/http/server.js';
import { startFakeOpenAIEmbeddings, type FakeOpenAIEmbeddings } from '../support/fake-openai-embeddings.js';
import { testConfig } from '../support/test-index.js';
import { errorOf, GOOD_QUESTION, postJson, rawRequest, removeDir, tempDir } from './helpers.js';

const KEY = 'sk-embeddings-fault-0123456789';
const DIMENSIONS = 32;

let fake: FakeOpenAIEmbeddings;
let dir: string;
let server: Server;
let port: number;

beforeAll(async () => {
  fake = await startFakeOpenAIEmbeddings({ kind: 'answer', dimensions: DIMENSIONS });
  dir = tempDir('embeddings-faults');
  const base = testConfig();
  const config: Config = {
    ...base,
    indexDir: `${dir}/index`,
    embeddings: { provider: 'openai', model: 'fake-embedding-model', timeoutMs: 400 },
    openai: { ...base.openai, apiKey: KEY, baseURL: fake.url, maxRetries: 1 },
  };
  await runIngest(config);
  server = createServer(createApp(await buildServices(config)));
  configureServer(server, config);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
}, 60_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await fake?.close();
  removeDir(dir);
});

async function searchTimed(): Promise<{ status: number; code?: string; message?: string; ms: number; text: string }> {
  const t0 = performance.now();
  const res = await postJson(port, '/api/search', { query: 'carrier sanctions' });
  const ms = performance.now() - t0;
  if (res.status === 200) return { status: 200, ms, text: res.text };
  const { code, message } = errorOf(res);
  return { status: res.status, code, message, ms, text: res.text };
}

describe('search with OpenAI embeddings', () => {
  it('works while the upstream answers', async () => {
    const res = await searchTimed();
    expect(res.status).toBe(200);
  });

  it.each([
    ['an HTTP 500', { kind: 'error', status: 500 } as const],
    ['an HTTP 401 that echoes the key', { kind: 'error', status: 401, echoKey: true } as const],
    ['no answer at all', { kind: 'hang' } as const],
    ['a body that stalls', { kind: 'stall-body' } as const],
  ])('answers 503 UPSTREAM_FAILED quickly when the upstream gives %s', async (_what, behaviour) => {
    fake.setBehaviour(behaviour);
    const res = await searchTimed();
    expect(res.status).toBe(503);
    expect(res.code).toBe('UPSTREAM_FAILED');
    expect(res.message).toMatch(/embeddings/);
    expect(res.text).not.toContain(KEY);
    // EMBEDDINGS_TIMEOUT_MS=400 and one retry: bounded well under the 60 s request timeout.
    expect(res.ms).toBeLessThan(6_000);
  });

  it('keeps the rest of the API working meanwhile, and chat answers by words alone, saying so', async () => {
    fake.setBehaviour({ kind: 'error', status: 500 });
    expect((await rawRequest(port, { path: '/healthz' })).status).toBe(200);
    expect((await rawRequest(port, { path: '/api/passages/prague-1997:rec-18' })).status).toBe(200);
    const chat = await postJson(port, '/api/chat', { question: GOOD_QUESTION });
    expect(chat.status).toBe(200);
    const reply = JSON.parse(chat.text) as { grounded: boolean; notice?: string; citations: { id: string }[] };
    expect(reply.notice).toMatch(/embeddings service was unavailable/);
    expect(reply.citations.map((c) => c.id)).toContain('prague-1997:rec-18');
    expect(chat.text).not.toContain(KEY);
  });

  it('recovers as soon as the upstream does', async () => {
    fake.setBehaviour({ kind: 'answer', dimensions: DIMENSIONS });
    expect((await searchTimed()).status).toBe(200);
  });
});
