/**
 * @module tests/server/answer/llm/hostile-text
 * Text the model or a client controls must cost time in proportion to its length. Each case once took
 * seconds (issue #12: 100,000 spaces before a marker blocked post-processing for 23–31 s, the error
 * describer for 5.7 s, padded history turns 0.3 s per request); each now runs within a budget that only a
 * linear scan meets.
 */
import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { wordPieces } from '../../../../server/answer/pieces.js';
import { describe as describeUpstreamError } from '../../../../server/answer/llm/chat-model.js';
import { formatHistory } from '../../../../server/answer/llm/condense.js';
import { finaliseLlmAnswer } from '../../../../server/answer/llm/postprocess.js';
import { markersIn } from '../../../../server/verify/verify-citations.js';
import { PRAGUE_1997, REC_18 } from '../../../support/llm-fixtures.js';

/**
 * Far above a warm linear pass over these inputs (5–60 ms, more on a busy machine), far below a quadratic
 * one (5–25 s). The event-loop figures of docs/reliability.md come from tests/reliability/blocking.int.test.ts.
 */
const BUDGET_MS = 500;
const SPACES = ' '.repeat(100_000);

function timed<T>(run: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = run();
  return { value, ms: performance.now() - t0 };
}

const passages = [
  { n: 1, hit: { unit: REC_18, document: PRAGUE_1997, score: 1, lexical: 1, vector: 1, referenced: false } },
];

describe('post-processing a hostile model reply', () => {
  beforeAll(() => finaliseLlmAnswer('Carriers are fined   [1]. "x" [2-3]', passages));

  it.each([
    ['100,000 spaces before a marker', `Carriers are fined${SPACES}[1].`],
    ['100,000 spaces before a "[" that is no marker', `Carriers are fined [1].${SPACES}[x`],
    ['100,000 tabs and spaces before "[1,"', `Carriers are fined [1].${' \t'.repeat(50_000)}[1,`],
    ['50,000 "[1" without a closing bracket', `Carriers are fined [1]. ${'[1'.repeat(50_000)}`],
    ['100,000 spaces inside a marker', `Carriers are fined [1]. [1${SPACES}x`],
  ])('%s', (_what, raw) => {
    const { value, ms } = timed(() => finaliseLlmAnswer(raw, passages));
    expect(value.citations.map((c) => c.id)).toEqual(['prague-1997:rec-18']);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it('keeps the space before a kept marker and drops it before a removed one', () => {
    expect(finaliseLlmAnswer(`Carriers are fined   [1] and more  [9].`, passages).answer).toBe(
      'Carriers are fined   [1] and more.',
    );
  });
});

describe('the other readers of upstream and client text', () => {
  it('formats history turns padded with whitespace in linear time, markers dropped', () => {
    const turn = `Carriers${SPACES}are fined [1]${SPACES}[2, 3]${SPACES}`;
    const { value, ms } = timed(() => formatHistory([{ role: 'assistant', content: turn }]));
    expect(value).toBe('Assistant: Carriers are fined');
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it('describes an upstream error of 100,000 spaces quickly, clipped, with the key masked', () => {
    const err = Object.assign(new Error(`Incorrect key sk-secret-key-123456${SPACES}x${SPACES}`), { status: 401 });
    const { value, ms } = timed(() => describeUpstreamError(err, 'sk-secret-key-123456'));
    expect(value).toBe('HTTP 401: Incorrect key [key]');
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it('cuts 100,000 spaces into stream pieces quickly, and the pieces join back to the text', () => {
    const text = `${SPACES}a${SPACES}b c `;
    const { value, ms } = timed(() => [wordPieces(text), wordPieces(SPACES)]);
    expect(value[0].join('')).toBe(text);
    expect(value[0]).toHaveLength(3);
    // All whitespace was the slow case of /\s*\S+\s*/g (13 s): every position rescanned the run.
    expect(value[1]).toEqual([SPACES]);
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(wordPieces('')).toEqual([]);
  });

  it('reads the markers of an answer with 100,000 spaces inside a group quickly', () => {
    const { value, ms } = timed(() => markersIn(`x [1 ,${SPACES}2] [3${SPACES}`));
    expect(value).toEqual([1, 2]);
    expect(ms).toBeLessThan(BUDGET_MS);
  });
});
