/**
 * @module tests/server/cache/answer-key.test
 * The answer cache's key: requests that are the same question share it (whitespace, Unicode forms, the order
 * of the document scope), anything that can change the answer does not (case, history, scope, mode, writer,
 * index build), and the index build leads it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerCacheKey, ANSWER_KEY_PREFIX } from '../../../server/cache/answer-key.js';
import type { ChatRequest } from '../../../server/answer/types.js';

const context = { indexBuild: 'build-a', writer: 'extractive' };
const base: ChatRequest = { question: 'What did Prague 1997 say about carrier sanctions?' };
const key = (request: ChatRequest, ctx = context) => answerCacheKey(request, ctx);

describe('answerCacheKey', () => {
  it.each<[string, ChatRequest]>([
    ['extra spaces and a trailing newline', { question: '  What did  Prague 1997 say about\tcarrier sanctions?\n' }],
    ['a compatibility form (NFKC)', { question: 'What did Prague １９９７ say about carrier sanctions?' }],
    ['an explicit auto mode', { ...base, mode: 'auto' }],
    ['an empty history', { ...base, history: [] }],
    ['an empty scope', { ...base, documents: [] }],
  ])('is the same for %s', (_what, request) => {
    expect(key(request)).toBe(key(base));
  });

  it('is the same for a document scope in another order or repeated', () => {
    expect(key({ ...base, documents: ['vienna-2005', 'prague-1997'] })).toBe(
      key({ ...base, documents: ['prague-1997', 'vienna-2005', 'prague-1997'] }),
    );
  });

  it.each<[string, ChatRequest]>([
    ['other case (acronyms read differently)', { question: base.question.toUpperCase() }],
    ['a history', { ...base, history: [{ role: 'user', content: 'And visas?' }] }],
    ['a document scope', { ...base, documents: ['prague-1997'] }],
    ['another mode', { ...base, mode: 'extractive' }],
  ])('differs for %s', (_what, request) => {
    expect(key(request)).not.toBe(key(base));
  });

  it('differs for another writer and another index build, which leads the key', () => {
    expect(key(base, { ...context, writer: 'llm:openai:gpt-4o-mini' })).not.toBe(key(base));
    const other = key(base, { ...context, indexBuild: 'build-b' });
    expect(other).not.toBe(key(base));
    expect(other.startsWith(`${ANSWER_KEY_PREFIX}build-b:`)).toBe(true);
  });

  it('ignores how whitespace is spread in any question, and keeps any two distinct texts apart', () => {
    fc.assert(
      fc.property(
        fc.array(
          // eslint-disable-next-line regexp/use-ignore-case -- fast-check cannot generate from a regex with flags
          fc.stringMatching(/^[A-Za-z0-9?]{1,8}$/),
          { minLength: 1, maxLength: 8 },
        ),
        fc.array(fc.constantFrom(' ', '  ', '\t', '\n'), { minLength: 8, maxLength: 8 }),
        (words, gaps) => {
          const spaced = words.map((w, i) => `${gaps[i]}${w}`).join('') + gaps[7];
          expect(key({ question: spaced })).toBe(key({ question: words.join(' ') }));
          expect(key({ question: `${words.join(' ')} x` })).not.toBe(key({ question: words.join(' ') }));
        },
      ),
    );
  });
});
