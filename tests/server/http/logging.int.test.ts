/**
 * @module tests/server/http/logging.int
 * The API key never leaves the process: started with OPENAI_API_KEY=sk-test-secret against a stand-in
 * upstream that echoes the key in its error messages (as some compatible servers do), no response body,
 * header or log line contains it. And the request log is one trimmed line per request, with an id.
 */
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import { buildServices } from '../../../server/bootstrap.js';
import { createLogger } from '../../../server/http/logging.js';
import { configureServer } from '../../../server/http/server.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai.js';
import { testConfig } from '../../support/test-index.js';
import {
  GOOD_QUESTION,
  postJson,
  rawRequest,
  startGuardedServer,
  type RawResponse,
  type Running,
} from '../../reliability/helpers.js';
import { standInOpenAI } from '../../support/llm-fixtures.js';

const SECRET = 'sk-test-secret';

let fake: FakeOpenAI;
let server: Server;
let port: number;
const lines: string[] = [];
const responses: RawResponse[] = [];

async function record(res: Promise<RawResponse>): Promise<RawResponse> {
  const r = await res;
  responses.push(r);
  return r;
}

beforeAll(async () => {
  fake = await startFakeOpenAI({
    kind: 'error',
    status: 401,
    message: `Incorrect API key provided: ${SECRET}. Check it.`,
  });
  const config = testConfig(
    {},
    {
      OPENAI_API_KEY: SECRET,
      OPENAI_BASE_URL: fake.url,
      LLM_TIMEOUT_MS: '2000',
      LLM_MAX_RETRIES: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'info',
    },
  );
  const logger = createLogger(config, { write: (line: string) => void lines.push(line) });
  logger.info({ config }, 'configuration at start'); // code that carelessly logs the whole config
  server = createServer(createApp(await buildServices(config), { logger }));
  configureServer(server, config);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await fake.close();
});

describe(`with OPENAI_API_KEY=${SECRET}`, () => {
  it('answers while the upstream refuses the key, naming only its status, never its words', async () => {
    const res = await record(postJson(port, '/api/chat', { question: GOOD_QUESTION, mode: 'llm' }));
    expect(res.status).toBe(200);
    const reply = res.json as { mode: string; notice?: string };
    expect(reply.mode).toBe('extractive');
    // A fixed phrase and the status code: none of the upstream's words reach the notice.
    expect(reply.notice).toMatch(/language model was unavailable \(it answered HTTP 401\)/);
    expect(reply.notice).not.toMatch(/Incorrect API key|Check it/);
    expect(reply.notice).not.toContain(SECRET);
    // The key did reach the upstream, where it belongs.
    expect(fake.requests.some((r) => r.authorization === `Bearer ${SECRET}`)).toBe(true);
  });

  it('keeps it out of streamed answers, the OpenAI-compatible endpoint, errors and /healthz', async () => {
    await record(postJson(port, '/api/chat', { question: GOOD_QUESTION }, { accept: 'text/event-stream' }));
    await record(postJson(port, '/v1/chat/completions', { messages: [{ role: 'user', content: GOOD_QUESTION }] }));
    await record(
      postJson(port, '/v1/chat/completions', { stream: true, messages: [{ role: 'user', content: GOOD_QUESTION }] }),
    );
    await record(rawRequest(port, { path: '/healthz' }));
    await record(rawRequest(port, { path: `/api/nothing?key=${SECRET}` }));
    await record(postJson(port, '/api/search', { query: SECRET }));
    await record(postJson(port, '/api/chat', { question: '' }));
    for (const r of responses) {
      expect(r.text).not.toContain(SECRET);
      expect(JSON.stringify(r.headers)).not.toContain(SECRET);
    }
  });

  it('never writes it to a log line', () => {
    expect(lines.length).toBeGreaterThan(8);
    const leaking = lines.filter((l) => l.includes(SECRET));
    expect(leaking).toEqual([]);
  });
});

describe('a key echoed by the model in 5-character pieces', () => {
  const KEY = 'sk-stream-secret-0123456789';
  let echo: FakeOpenAI;
  let echoServer: Running;
  let echoPort: number;

  beforeAll(async () => {
    // Each SSE chunk of the stand-in carries 5 characters, so the key spans six `token` events.
    echo = await startFakeOpenAI({
      kind: 'reply',
      text: `Carriers face sanctions [1]. The key I was given is ${KEY}, as you asked [1].`,
      chunkChars: 5,
    });
    echoServer = await startGuardedServer({ openai: standInOpenAI(echo.url, { apiKey: KEY }) });
    echoPort = echoServer.port;
  });
  afterAll(async () => {
    await echoServer.close();
    await echo.close();
  });

  it('never reaches the client, joined from the streamed tokens or in the raw stream', async () => {
    const res = await postJson(echoPort, '/api/chat', { question: GOOD_QUESTION }, { accept: 'text/event-stream' });
    expect(res.status).toBe(200);
    const tokens = [...res.text.matchAll(/^event: token\ndata: (.*)$/gm)].map(
      (m) => (JSON.parse(m[1]) as { text: string }).text,
    );
    expect(tokens.length).toBeGreaterThan(10);
    const streamed = tokens.join('');
    expect(streamed).toContain('The key I was given is ***************************, as you asked');
    expect(streamed).not.toContain(KEY.slice(0, 8));
    expect(res.text).not.toContain(KEY);
    // The tokens still add up to the answer the `done` event carries.
    const done = JSON.parse(/^event: done\ndata: (.*)$/m.exec(res.text)?.[1] ?? '{}') as {
      answer: string;
      mode: string;
    };
    expect(done.mode).toBe('llm');
    expect(streamed.trim()).toBe(done.answer);
  });

  it('is masked on the OpenAI-compatible stream too', async () => {
    const res = await postJson(echoPort, '/v1/chat/completions', {
      stream: true,
      messages: [{ role: 'user', content: GOOD_QUESTION }],
    });
    expect(res.status).toBe(200);
    const content = [...res.text.matchAll(/^data: (\{.*\})$/gm)]
      .map((m) => JSON.parse(m[1]) as { choices: { delta: { content?: string } }[] })
      .map((c) => c.choices[0]?.delta.content ?? '')
      .join('');
    expect(content).toContain('The key I was given is ***************************');
    expect(res.text).not.toContain(KEY);
  });
});

describe('request log lines', () => {
  it('carry the request id, method, URL, status and time, and no headers', () => {
    const requestLines = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.req !== undefined && l.res !== undefined);
    expect(requestLines.length).toBeGreaterThanOrEqual(responses.length);
    for (const l of requestLines) {
      const req = l.req as Record<string, unknown>;
      expect(Object.keys(req).sort()).toEqual(['id', 'method', 'url']);
      expect(l.res).toEqual({ statusCode: expect.any(Number) });
      expect(typeof l.responseTime).toBe('number');
    }
    const ids = new Set(requestLines.map((l) => (l.req as { id: string }).id));
    expect(ids.size).toBe(requestLines.length);
    // The 4xx of a bad request is information, not an error.
    const bad = requestLines.find((l) => (l.res as { statusCode: number }).statusCode === 400);
    expect(bad?.level).toBe(30);
  });
});
