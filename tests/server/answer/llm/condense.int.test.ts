/**
 * @module tests/server/answer/llm/condense.int
 * Follow-up condensing through the real client and the stand-in server: no call without history, the
 * history and rules reach the model, and upstream failures surface as UpstreamError.
 */
import { describe, expect, it } from 'vitest';
import type { ChatTurn } from '../../../../server/answer/types.js';
import { condenseQuestion, formatHistory } from '../../../../server/answer/llm/condense.js';
import { UpstreamError } from '../../../../core/errors.js';
import { fakeOpenAIPerTest } from '../../../support/llm-fixtures.js';

const history: ChatTurn[] = [
  { role: 'user', content: 'What do the Prague 1997 Recommendations say about carriers?' },
  {
    role: 'assistant',
    content:
      'Recommendation 18 calls for sanctions against carriers, by fining them and holding them liable for return costs [1].',
  },
];
const followUp = 'And what about fraudulent documents?';
const STANDALONE = 'What do the Prague 1997 Recommendations say about fraudulent documents?';

const setup = fakeOpenAIPerTest();

describe('condenseQuestion', () => {
  it('returns the question unchanged, without a call, when there is no history', async () => {
    const { fake, config } = await setup({ kind: 'reply', text: 'should not be used' });
    expect(await condenseQuestion({ question: followUp, history: [], config })).toBe(followUp);
    expect(fake.requests).toHaveLength(0);
  });

  it('sends the history and the follow-up, and returns the standalone question', async () => {
    const { fake, config } = await setup({ kind: 'reply', text: `Standalone question: "${STANDALONE}"\n` });
    expect(await condenseQuestion({ question: followUp, history, config })).toBe(STANDALONE);
    expect(fake.requests).toHaveLength(1);
    const [message] = fake.requests[0].body.messages ?? [];
    expect(message.role).toBe('user');
    expect(message.content).toMatch(/standalone question/i);
    expect(message.content).toContain('Keep the document');
    expect(message.content).toContain('User: What do the Prague 1997 Recommendations say about carriers?');
    expect(message.content).toContain('Assistant: Recommendation 18 calls for sanctions against carriers');
    expect(message.content).not.toContain('[1]');
    expect(message.content).toContain(followUp);
  });

  it('falls back to the question when the rewrite is empty', async () => {
    const { config } = await setup({ kind: 'reply', text: '""' });
    expect(await condenseQuestion({ question: followUp, history, config })).toBe(followUp);
  });

  it('rejects with UpstreamError on an upstream 500', async () => {
    const { config } = await setup({ kind: 'error', status: 500 });
    const err: unknown = await condenseQuestion({ question: followUp, history, config }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as Error).message).toMatch(/^LLM upstream failed \(condense\): HTTP 500/);
  });

  it('rejects with UpstreamError when the upstream hangs', async () => {
    const { config } = await setup({ kind: 'hang' }, { timeoutMs: 250 });
    const started = Date.now();
    const err: unknown = await condenseQuestion({ question: followUp, history, config }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).message).toBe('LLM upstream timed out after 250 ms (condense)');
    expect((err as UpstreamError).details).toEqual({ failure: { kind: 'timeout', ms: 250 } });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('formatHistory', () => {
  it('keeps only recent turns, clipped, without markers', () => {
    const long: ChatTurn[] = Array.from({ length: 10 }, (_, i) => ({
      role: i % 2 ? 'assistant' : 'user',
      content: `turn ${i} ${'x'.repeat(700)} [${i}]`,
    }));
    const text = formatHistory(long.slice(-6));
    expect(text.split('\n')).toHaveLength(6);
    expect(text).not.toMatch(/\[\d+\]/);
    expect(text.split('\n')[0].length).toBeLessThan(620);
  });
});
