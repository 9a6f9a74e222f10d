/**
 * @module tests/server/http/public-error.int
 * An answerer failure reaches the client the same way on every path — the error handler (JSON chat and
 * JSON /v1), the /api/chat event stream and the /v1 event stream: the same code, a message without the
 * index folder's path, and the whole error on the request's log line.
 */
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { IndexError } from '../../../core/errors.js';
import { createApp } from '../../../server/app.js';
import { createLogger } from '../../../server/http/logging.js';
import type { Services } from '../../../server/services.js';
import { testConfig } from '../../support/test-index.js';
import { testServices } from '../../support/test-server.js';

const lines: string[] = [];
let app: ReturnType<typeof createApp>;
let failedPath = '';

beforeAll(async () => {
  const config = testConfig({ logLevel: 'info' });
  failedPath = `${config.indexDir}/build-x/units.json`;
  const services: Services = {
    ...(await testServices()),
    config,
    answerer: {
      answer: () => Promise.reject(new IndexError('INDEX_CORRUPT', `index: cannot read ${failedPath}`)),
    },
  };
  app = createApp(services, { logger: createLogger(config, { write: (line: string) => void lines.push(line) }) });
});

/** The error body a path sent, however it carried it. */
type Send = () => Promise<{ error: { code: string; message: string } }>;

const QUESTION = { question: 'What did Prague 1997 say about carrier sanctions?' };
const MESSAGES = { messages: [{ role: 'user', content: QUESTION.question }] };

const paths: [string, string, Send][] = [
  [
    'the error handler (/api/chat as JSON)',
    '/api/chat',
    async () => {
      const res = await request(app).post('/api/chat').send(QUESTION);
      expect(res.status).toBe(503);
      return res.body as Awaited<ReturnType<Send>>;
    },
  ],
  [
    'the error handler (/v1/chat/completions as JSON)',
    '/v1/chat/completions',
    async () => {
      const res = await request(app).post('/v1/chat/completions').send(MESSAGES);
      expect(res.status).toBe(503);
      return res.body as Awaited<ReturnType<Send>>;
    },
  ],
  [
    'the /api/chat event stream',
    '/api/chat',
    async () => {
      const res = await request(app).post('/api/chat').set('Accept', 'text/event-stream').send(QUESTION);
      const block = res.text.split('\n\n').find((b) => b.startsWith('event: error'));
      expect(block).toBeDefined();
      return JSON.parse(block!.split('\ndata: ')[1]) as Awaited<ReturnType<Send>>;
    },
  ],
  [
    'the /v1 event stream',
    '/v1/chat/completions',
    async () => {
      const res = await request(app)
        .post('/v1/chat/completions')
        .send({ ...MESSAGES, stream: true });
      const block = res.text.split('\n\n').find((b) => b.startsWith('data: {"error"'));
      expect(block).toBeDefined();
      return JSON.parse(block!.slice('data: '.length)) as Awaited<ReturnType<Send>>;
    },
  ],
];

describe('an answerer failure', () => {
  it.each(paths)('through %s: same code, no path, logged', async (_name, url, send) => {
    const before = lines.length;
    const body = await send();
    expect(body.error.code).toBe('INDEX_CORRUPT');
    expect(body.error.message).toMatch(/^index: cannot read /);
    expect(body.error.message).not.toContain(testConfig().indexDir);
    // pino-http writes the request's line when the response finishes.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const logged = lines
      .slice(before)
      .map((l) => JSON.parse(l) as { req?: { url?: string }; err?: { message?: string } })
      .find((l) => l.req?.url === url);
    expect(logged?.err?.message).toContain(failedPath);
  });
});
