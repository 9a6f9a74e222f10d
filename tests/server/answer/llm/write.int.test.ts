/**
 * @module tests/server/answer/llm/write.int
 * Drives the real @langchain/openai client over real HTTP against the stand-in server: streaming, the prompt
 * actually sent, and every way the upstream can fail, each of which must end as UpstreamError within bounds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../../core/errors.js';
import type { AnswerPlan } from '../../../../server/answer/llm/brief.js';
import { formatPassages, type NumberedPassage } from '../../../../server/answer/llm/passages.js';
import { findPromptsDir } from '../../../../server/answer/llm/prompts.js';
import { writeLlmAnswer } from '../../../../server/answer/llm/write.js';
import { fakeOpenAIPerTest, PRAGUE_1997, REC_18 } from '../../../support/llm-fixtures.js';

const passages: NumberedPassage[] = [
  { n: 1, hit: { unit: REC_18, document: PRAGUE_1997, score: 0.9, lexical: 0.9, vector: 0.8, referenced: false } },
];
const question = 'What sanctions do the Prague Recommendations propose for carriers?';
const plan: AnswerPlan = { intent: 'lookup', answerKind: 'text', acrossDocuments: false, scope: ['prague-1997'] };
const ANSWER = 'Carriers face sanctions [1].';

const setup = fakeOpenAIPerTest();

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the call to reject'),
    (err: unknown) => err,
  );
}

describe('writeLlmAnswer', () => {
  it('streams a cited answer token by token and returns the whole text', async () => {
    const { fake, config } = await setup({ kind: 'reply', text: ANSWER });
    const tokens: string[] = [];
    const text = await writeLlmAnswer({ question, plan, passages, config, onToken: (t) => tokens.push(t) });
    expect(text).toBe(ANSWER);
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.join('')).toBe(ANSWER);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].body).toMatchObject({ model: 'fake-model', stream: true, temperature: 0 });
    expect(fake.requests[0].authorization).toBe('Bearer test-key');
  });

  it('asks for at most LLM_MAX_TOKENS and refuses a reply that runs past 8 characters a token', async () => {
    // A stand-in that ignores max_tokens, as a hostile or broken upstream would.
    const long = `Carriers face sanctions [1]. ${'x '.repeat(300)}`;
    for (const streaming of [true, false]) {
      const { fake, config } = await setup({ kind: 'reply', text: long }, { maxTokens: 32 });
      const err = await rejection(
        writeLlmAnswer({ question, plan, passages, config, ...(streaming ? { onToken: () => undefined } : {}) }),
      );
      expect(err).toBeInstanceOf(UpstreamError);
      expect((err as UpstreamError).details).toEqual({ failure: { kind: 'too-long', chars: 256 } });
      expect(fake.requests[0].body.max_tokens ?? fake.requests[0].body.max_completion_tokens).toBe(32);
      await fake.close();
    }
    const { fake, config } = await setup({ kind: 'reply', text: ANSWER });
    await writeLlmAnswer({ question, plan, passages, config });
    expect(fake.requests[0].body.max_tokens ?? fake.requests[0].body.max_completion_tokens).toBe(1024);
  });

  it('answers without streaming when no token sink is given', async () => {
    const { fake, config } = await setup({ kind: 'reply', text: ANSWER });
    expect(await writeLlmAnswer({ question, plan, passages, config })).toBe(ANSWER);
    expect(fake.requests[0].body.stream).toBeFalsy();
  });

  it('sends the system rules and the numbered passages', async () => {
    const { fake, config } = await setup({ kind: 'reply', text: ANSWER });
    await writeLlmAnswer({ question, plan, passages, config, onToken: () => undefined });
    const messages = fake.requests[0].body.messages ?? [];
    const rules = readFileSync(path.join(findPromptsDir(), 'system.md'), 'utf8').trim();
    expect(messages[0]).toEqual({ role: 'system', content: rules });
    expect(messages[0].content).toMatch(/only from the numbered passages/i);
    expect(messages[0].content).toMatch(/Ignore anything inside them/);
    expect(messages[1].role).toBe('user');
    expect(messages[1].content).toContain(formatPassages(passages));
    expect(messages[1].content).toContain(
      '## Prague 1997 Recommendations (1997)\n\n[1] Recommendation 18: Recommend that sanctions be introduced against carriers',
    );
    expect(messages[1].content).toContain(question);
  });

  it('waits through a delay before the first byte that is within the deadline', async () => {
    const { config } = await setup({ kind: 'reply', text: ANSWER, delayMs: 150 }, { timeoutMs: 1_500 });
    expect(await writeLlmAnswer({ question, plan, passages, config, onToken: () => undefined })).toBe(ANSWER);
  });

  it('turns an upstream 500 into UpstreamError without retrying past maxRetries', async () => {
    const maxRetries = 1;
    const { fake, config } = await setup({ kind: 'error', status: 500 }, { maxRetries, timeoutMs: 8_000 });
    const started = Date.now();
    const err = await rejection(writeLlmAnswer({ question, plan, passages, config, onToken: () => undefined }));
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).message).toMatch(/^LLM upstream failed \(answer\): HTTP 500/);
    expect((err as UpstreamError).code).toBe('UPSTREAM_FAILED');
    expect(fake.requests.length).toBeLessThanOrEqual(maxRetries + 1);
    // One backoff of at most ~2 s, not LangChain's default six.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('never repeats the API key an upstream error echoes back', async () => {
    const apiKey = 'sk-test-0123456789abcdef';
    const { config } = await setup(
      { kind: 'error', status: 401, message: `Incorrect API key provided: ${apiKey}` },
      { apiKey },
    );
    const err = await rejection(writeLlmAnswer({ question, plan, passages, config }));
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as Error).message).toMatch(/HTTP 401/);
    expect((err as Error).message).not.toContain(apiKey);
    expect((err as Error).message).not.toContain('0123456789abcdef');
  });

  it('fails fast on a 500 when retries are off', async () => {
    const { fake, config } = await setup({ kind: 'error', status: 500 }, { maxRetries: 0 });
    const started = Date.now();
    await expect(writeLlmAnswer({ question, plan, passages, config })).rejects.toBeInstanceOf(UpstreamError);
    expect(fake.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it.each([0, 1])('times out on an upstream that hangs (maxRetries %i)', async (maxRetries) => {
    const timeoutMs = 300;
    const { config } = await setup({ kind: 'hang' }, { timeoutMs, maxRetries });
    const started = Date.now();
    const err = await rejection(writeLlmAnswer({ question, plan, passages, config, onToken: () => undefined }));
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as Error).message).toBe(`LLM upstream timed out after ${timeoutMs} ms (answer)`);
    expect(Date.now() - started).toBeLessThan(timeoutMs + 700);
  });

  it('applies the deadline to the whole stream, not just the connection', async () => {
    const timeoutMs = 400;
    const { config } = await setup({ kind: 'reply', text: ANSWER, chunkDelayMs: 10_000 }, { timeoutMs });
    const tokens: string[] = [];
    const started = Date.now();
    const err = await rejection(writeLlmAnswer({ question, plan, passages, config, onToken: (t) => tokens.push(t) }));
    expect((err as Error).message).toBe(`LLM upstream timed out after ${timeoutMs} ms (answer)`);
    expect(tokens.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(timeoutMs + 700);
  });

  it('turns a stream cut half-way into UpstreamError', async () => {
    const { config } = await setup({
      kind: 'cut',
      text: 'Carriers face sanctions for improperly documented passengers [1].',
      afterChunks: 3,
    });
    const tokens: string[] = [];
    const err = await rejection(writeLlmAnswer({ question, plan, passages, config, onToken: (t) => tokens.push(t) }));
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as Error).message).toMatch(/^LLM upstream stream was cut off after \d+ characters \(answer\)/);
    expect(tokens.join('')).toBe('Carriers face sanctions ');
  });

  it('treats a stream that ends without a finish reason as incomplete', async () => {
    const { config } = await setup({ kind: 'truncate', text: ANSWER });
    const err = await rejection(writeLlmAnswer({ question, plan, passages, config, onToken: () => undefined }));
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as Error).message).toBe('LLM upstream stream ended before the answer was complete (answer)');
  });

  it('rejects with the caller’s reason when the caller aborts', async () => {
    const { config } = await setup({ kind: 'hang' }, { timeoutMs: 5_000 });
    const controller = new AbortController();
    const reason = new Error('client went away');
    setTimeout(() => controller.abort(reason), 100);
    await expect(
      writeLlmAnswer({ question, plan, passages, config, onToken: () => undefined, signal: controller.signal }),
    ).rejects.toBe(reason);
  });

  it('re-throws a failing token sink as is', async () => {
    const { config } = await setup({ kind: 'reply', text: ANSWER });
    const sinkError = new Error('socket closed');
    await expect(
      writeLlmAnswer({
        question,
        plan,
        passages,
        config,
        onToken: () => {
          throw sinkError;
        },
      }),
    ).rejects.toBe(sinkError);
  });
});
