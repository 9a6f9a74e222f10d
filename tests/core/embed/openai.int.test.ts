/**
 * @module tests/core/embed/openai.int
 * The OpenAI embedder driven through the real LangChain/OpenAI client against a stand-in server on
 * 127.0.0.1: success, an unknown model's width, and failures that must end quickly as UpstreamError
 * (500s, a hang, a body that stalls) without ever showing the API key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIEmbedder } from '../../../core/embed/openai.js';
import { createEmbedder } from '../../../core/embed/select.js';
import { configWith, type Config } from '../../../core/config.js';
import { ConfigError, UpstreamError } from '../../../core/errors.js';
import {
  fakeVector,
  startFakeOpenAIEmbeddings,
  type FakeOpenAIEmbeddings,
} from '../../support/fake-openai-embeddings.js';

const KEY = 'sk-test-DO-NOT-LEAK-0123456789abcdef';

function unit(v: number[]): number[] {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

describe('OpenAI embeddings through a stand-in server', () => {
  let fake: FakeOpenAIEmbeddings;

  const configFor = (
    overrides: { model?: string; timeoutMs?: number; maxRetries?: number; apiKey?: string } = {},
  ): Config => {
    const base = configWith({});
    return {
      ...base,
      embeddings: {
        provider: 'openai',
        model: overrides.model ?? 'text-embedding-3-small',
        timeoutMs: overrides.timeoutMs ?? 2000,
      },
      openai: {
        ...base.openai,
        apiKey: overrides.apiKey ?? KEY,
        baseURL: fake.url,
        maxRetries: overrides.maxRetries ?? 0,
      },
    };
  };

  /** Runs `fn`, expecting an UpstreamError; returns it with the elapsed time. */
  async function failure(fn: () => Promise<unknown>): Promise<{ err: UpstreamError; ms: number }> {
    const t0 = performance.now();
    const err = await fn().then(
      () => {
        throw new Error('expected a rejection');
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UpstreamError);
    return { err: err as UpstreamError, ms: performance.now() - t0 };
  }

  beforeAll(async () => {
    fake = await startFakeOpenAIEmbeddings();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('embeds documents and queries as unit vectors of the model width', async () => {
    fake.setBehaviour({ kind: 'answer', dimensions: 1536 });
    fake.requests.length = 0;
    const embedder = await createEmbedder(configFor());
    expect(embedder.id).toBe('openai:text-embedding-3-small');
    expect(embedder.dimensions).toBe(1536);

    const texts = ['Recommendation 18: carriers', 'return and readmission'];
    const docs = await embedder.embedDocuments(texts);
    expect(docs).toHaveLength(2);
    docs.forEach((v, i) => {
      expect(v).toHaveLength(1536);
      expect(Math.hypot(...v)).toBeCloseTo(1, 9);
      unit(fakeVector(texts[i], 1536)).forEach((x, d) => expect(v[d]).toBeCloseTo(x, 9));
    });
    const query = await embedder.embedQuery('return and readmission');
    expect(query).toEqual(docs[1]);

    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]).toMatchObject({
      path: '/v1/embeddings',
      model: 'text-embedding-3-small',
      input: texts,
      encodingFormat: 'float',
    });
    expect(fake.requests[0].authorization).toBe(`Bearer ${KEY}`);
    expect(await embedder.embedDocuments([])).toEqual([]);
    expect(fake.requests).toHaveLength(2);
  });

  it('learns the width of an unknown model from its first answer', async () => {
    fake.setBehaviour({ kind: 'answer', dimensions: 64 });
    const embedder = createOpenAIEmbedder(configFor({ model: 'compatible-embed-64' }));
    expect(() => embedder.dimensions).toThrow(ConfigError);
    expect(await embedder.embedQuery('hello')).toHaveLength(64);
    expect(embedder.dimensions).toBe(64);
  });

  it('rejects a known model answering with the wrong width', async () => {
    fake.setBehaviour({ kind: 'answer', dimensions: 8 });
    const { err } = await failure(() => createOpenAIEmbedder(configFor()).embedQuery('hello'));
    expect(err.message).toMatch(/width 8, expected 1536/);
  });

  it('turns HTTP 500 into an UpstreamError after the configured retries, without the key', async () => {
    fake.setBehaviour({ kind: 'error', status: 500, echoKey: true });
    fake.requests.length = 0;
    const { err, ms } = await failure(() =>
      createOpenAIEmbedder(configFor({ maxRetries: 1 })).embedDocuments(['a', 'b']),
    );
    expect(fake.requests).toHaveLength(2); // one try + one retry, not LangChain's default 6 retries
    expect(ms).toBeLessThan(5000); // one backoff of 1–2 s
    expect(err.code).toBe('UPSTREAM_FAILED');
    expect(err.message).toMatch(/^embeddings: text-embedding-3-small at 127\.0\.0\.1:\d+ failed: HTTP 500/);
    for (const text of [err.message, String(err.cause), JSON.stringify(err), err.stack ?? '']) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain('DO-NOT-LEAK');
    }
  });

  it('gives up on a hanging server after the timeout, once per allowed attempt', async () => {
    fake.setBehaviour({ kind: 'hang' });
    fake.requests.length = 0;
    const once = await failure(() =>
      createOpenAIEmbedder(configFor({ timeoutMs: 300, maxRetries: 0 })).embedQuery('hello'),
    );
    expect(fake.requests).toHaveLength(1);
    expect(once.ms).toBeLessThan(1500);
    expect(once.err.message).toMatch(/timed out|timeout/i);

    fake.requests.length = 0;
    const twice = await failure(() =>
      createOpenAIEmbedder(configFor({ timeoutMs: 300, maxRetries: 1 })).embedQuery('hello'),
    );
    expect(fake.requests).toHaveLength(2);
    expect(twice.ms).toBeLessThan(4000);
  });

  it('gives up on a response body that stalls after the headers (the client timeout does not cover it)', async () => {
    fake.setBehaviour({ kind: 'stall-body' });
    const { err, ms } = await failure(() =>
      createOpenAIEmbedder(configFor({ timeoutMs: 300, maxRetries: 0 })).embedQuery('hello'),
    );
    expect(ms).toBeLessThan(2500);
    expect(err.message).toMatch(/no answer within 1300 ms/);
  });

  it('needs a key unless a compatible server is named', () => {
    const base = configWith({});
    const noKey: Config = {
      ...base,
      embeddings: { ...base.embeddings, provider: 'openai' },
      openai: { ...base.openai, apiKey: undefined, baseURL: undefined },
    };
    expect(() => createOpenAIEmbedder(noKey)).toThrow(ConfigError);
    expect(() => createOpenAIEmbedder({ ...noKey, openai: { ...noKey.openai, baseURL: fake.url } })).not.toThrow();
  });
});
