/**
 * @module tests/server/cache/answer-cache.test
 * The cache both chat endpoints consult: a kept answer is a hit for the same question on the same index
 * build only; a fallback (LLM mode answered offline) is never kept; TTL 0 turns it off; entries expire; the
 * in-process store is bounded (least recently used first out).
 */
import { describe, expect, it } from 'vitest';
import { configWith } from '../../../core/config.js';
import type { ChatReply } from '../../../server/answer/types.js';
import { cacheHeaders, createAnswerCache } from '../../../server/cache/answer-cache.js';
import { memoryAnswerStore } from '../../../server/cache/answer-store.js';

const reply = (mode: ChatReply['mode'], answer = 'Carriers face fines [1].'): ChatReply => ({
  answer,
  citations: [],
  grounded: true,
  mode,
});
const offline = configWith({ answerCache: { ttlSeconds: 60, maxEntries: 10 } });
const withLlm = configWith({
  answerCache: { ttlSeconds: 60, maxEntries: 10 },
  openai: { ...offline.openai, apiKey: 'sk-test', chatModel: 'gpt-test' },
});
const question = { question: 'What did Prague 1997 say about carrier sanctions?' };

describe('createAnswerCache', () => {
  it('misses, keeps the answer, then hits with it and its age', async () => {
    const cache = createAnswerCache(offline, 'build-a', memoryAnswerStore(offline.answerCache));
    const first = await cache.lookup(question);
    expect(first.status).toBe('miss');
    if (first.status === 'miss') first.keep(reply('extractive'));
    const second = await cache.lookup({ question: `  ${question.question} ` });
    expect(second).toEqual({ status: 'hit', reply: reply('extractive'), ageSeconds: 0 });
    expect(cacheHeaders(second)).toEqual({ 'X-Cache': 'hit', Age: '0' });
    expect(cacheHeaders(first)).toEqual({ 'X-Cache': 'miss' });
  });

  it('never serves an answer of one index build to another, even from one shared store', async () => {
    const store = memoryAnswerStore(offline.answerCache);
    const old = await createAnswerCache(offline, 'build-a', store).lookup(question);
    if (old.status === 'miss') old.keep(reply('extractive'));
    expect((await createAnswerCache(offline, 'build-a', store).lookup(question)).status).toBe('hit');
    expect((await createAnswerCache(offline, 'build-b', store).lookup(question)).status).toBe('miss');
  });

  it('does not keep an LLM-mode answer that fell back to the offline writer', async () => {
    const cache = createAnswerCache(withLlm, 'build-a', memoryAnswerStore(withLlm.answerCache));
    const first = await cache.lookup(question);
    if (first.status === 'miss') first.keep(reply('extractive', 'The language model was unavailable…'));
    const second = await cache.lookup(question);
    expect(second.status).toBe('miss');
    if (second.status === 'miss') second.keep(reply('llm'));
    expect(await cache.lookup(question)).toMatchObject({ status: 'hit', reply: { mode: 'llm' } });
    // Asked for offline, the same question is another entry.
    expect((await cache.lookup({ ...question, mode: 'extractive' })).status).toBe('miss');
  });

  it('is off with a TTL of 0', async () => {
    const config = configWith({ answerCache: { ttlSeconds: 0, maxEntries: 10 } });
    const cache = createAnswerCache(config, 'build-a', memoryAnswerStore(config.answerCache));
    expect(cache.kind).toBe('off');
    const first = await cache.lookup(question);
    if (first.status === 'miss') first.keep(reply('extractive'));
    expect((await cache.lookup(question)).status).toBe('miss');
  });

  it('forgets an answer after its TTL', async () => {
    const config = configWith({ answerCache: { ttlSeconds: 1, maxEntries: 10 } });
    const cache = createAnswerCache(config, 'build-a', memoryAnswerStore(config.answerCache));
    const first = await cache.lookup(question);
    if (first.status === 'miss') first.keep(reply('extractive'));
    expect((await cache.lookup(question)).status).toBe('hit');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await cache.lookup(question)).status).toBe('miss');
  });

  it('holds at most ANSWER_CACHE_MAX_ENTRIES answers, dropping the least recently used', async () => {
    const config = configWith({ answerCache: { ttlSeconds: 60, maxEntries: 2 } });
    const cache = createAnswerCache(config, 'build-a', memoryAnswerStore(config.answerCache));
    for (const q of ['one?', 'two?', 'one?', 'three?']) {
      const found = await cache.lookup({ question: q });
      if (found.status === 'miss') found.keep(reply('extractive', q));
    }
    expect((await cache.lookup({ question: 'one?' })).status).toBe('hit');
    expect((await cache.lookup({ question: 'three?' })).status).toBe('hit');
    expect((await cache.lookup({ question: 'two?' })).status).toBe('miss');
  });
});
