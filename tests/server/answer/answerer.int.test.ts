/**
 * @module tests/server/answer/answerer.int
 * The answer policy the chat endpoints share, kept by the answerer: a deadline past which the model is
 * abandoned and the answer is written offline, the same fallback when the model fails, and in both cases
 * the passages the LLM path already found are reused rather than searched for again. Drives the real
 * answerer over the shared test index with the stand-in OpenAI server.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { FakeBehaviour } from '../../support/fake-openai.js';
import { createAnswerer } from '../../../server/answer/answerer.js';
import type { QueryReading, ReadRequest, Retriever } from '../../../server/retrieve/types.js';
import { fakeOpenAIPerTest } from '../../support/llm-fixtures.js';
import { testServices } from '../../support/test-server.js';

const QUESTION = 'What did Prague 1997 say about carrier sanctions?';
const CITED = 'prague-1997:rec-18';

const setup = fakeOpenAIPerTest();

// The LLM steps (LangChain) load on demand, in about a second the first time: load them before the clocks start.
beforeAll(async () => {
  await import('../../../server/answer/llm/index.js');
  await testServices();
});

/** The real answerer over the test index, with a retriever that records every search. */
async function answererWith(behaviour: FakeBehaviour) {
  const { fake, config } = await setup(behaviour);
  const services = await testServices();
  const searches: QueryReading[] = [];
  const reads: ReadRequest[] = [];
  const retriever: Retriever = {
    read: (request) => {
      reads.push(request);
      return services.retriever.read(request);
    },
    searchReading: (reading, k, method) => {
      searches.push(reading);
      return services.retriever.searchReading(reading, k, method);
    },
    search: () => Promise.reject(new Error('the answerer searches the plan’s reading, never a raw request')),
  };
  const answerer = createAnswerer({
    config,
    retriever,
    documents: services.index.documents,
    units: services.index.units,
    stats: services.stats,
  });
  return { answerer, searches, reads, fake };
}

describe('the answerer past its deadline', () => {
  it('answers offline from the passages already retrieved, with a notice, without searching again', async () => {
    const { answerer, searches, reads } = await answererWith({ kind: 'reply', text: 'Too late [1].', delayMs: 3_000 });
    const t0 = performance.now();
    const reply = await answerer.answer({ question: QUESTION }, { deadlineMs: 300 });
    expect(performance.now() - t0).toBeLessThan(1_500);
    expect(reply.mode).toBe('extractive');
    expect(reply.notice).toMatch(/did not answer within 0.3 s; this answer was written offline/);
    expect(reply.citations.map((c) => c.id)).toContain(CITED);
    expect(searches).toHaveLength(1);
    expect(reads).toHaveLength(1);
  });

  it('withdraws streamed tokens and streams the offline answer instead', async () => {
    const { answerer } = await answererWith({ kind: 'reply', text: 'Carriers [1] '.repeat(40), chunkDelayMs: 40 });
    const shown: string[] = [];
    let resets = 0;
    const reply = await answerer.answer(
      { question: QUESTION },
      {
        deadlineMs: 1_000,
        onToken: (t) => shown.push(t),
        onReset: () => {
          resets++;
          shown.splice(0);
        },
      },
    );
    expect(reply.mode).toBe('extractive');
    expect(resets).toBe(1);
    expect(shown.join('')).toBe(reply.answer.match(/\S+\s*/g)!.join(''));
  });

  it('rejects instead when the client has gone, at once', async () => {
    const { answerer } = await answererWith({ kind: 'hang' });
    const client = new AbortController();
    const t0 = performance.now();
    const answered = answerer.answer({ question: QUESTION }, { deadlineMs: 5_000, signal: client.signal });
    setTimeout(() => client.abort(new Error('client closed the connection')), 200);
    await expect(answered).rejects.toThrow('client closed the connection');
    expect(performance.now() - t0).toBeLessThan(1_500);
  });

  it('answers with the model when it is in time', async () => {
    const { answerer, searches } = await answererWith({ kind: 'reply', text: 'Carriers face sanctions [1].' });
    const reply = await answerer.answer({ question: QUESTION }, { deadlineMs: 5_000 });
    expect(reply.mode).toBe('llm');
    expect(reply.notice ?? '').not.toMatch(/offline/);
    expect(searches).toHaveLength(1);
  });
});

describe('the answerer when the model fails', () => {
  it('answers offline from the passages already retrieved, without searching again', async () => {
    const { answerer, searches, fake } = await answererWith({ kind: 'error', status: 500 });
    const reply = await answerer.answer({ question: QUESTION });
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(reply.mode).toBe('extractive');
    expect(reply.notice).toMatch(/The language model was unavailable .*written offline/);
    expect(reply.citations.map((c) => c.id)).toContain(CITED);
    expect(searches).toHaveLength(1);
  });
});
