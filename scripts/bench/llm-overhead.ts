/**
 * @module scripts/bench/llm-overhead
 * What our server adds to an LLM answer. The stand-in OpenAI server (tests/support/fake-openai.ts) answers
 * after a fixed delay and then streams word-sized chunks at a fixed pace; we time it called directly, then
 * through our /api/chat (Accept: text/event-stream, mode "llm") with OPENAI_BASE_URL pointing at it. The
 * differences in time to first token and in total time are our retrieval, evidence check, prompt building,
 * LangChain, SSE and post-processing. Requests are sequential, so nothing queues.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { wordPieces } from '../../server/answer/pieces.js';
import { startFakeOpenAI } from '../../tests/support/fake-openai.js';
import { startServer } from './proc.js';
import { percentile } from './stats.js';

export interface StreamTiming {
  firstTokenMs: number;
  totalMs: number;
}

export interface LlmOverheadResults {
  upstreamDelayMs: number;
  chunkDelayMs: number;
  chunks: number;
  direct: StreamTiming[];
  ours: StreamTiming[];
  /** Questions tried that our server declined (no LLM call, so no figure). */
  declined: number;
  /** Chat calls the stand-in received from our server during the measured requests. */
  upstreamCalls: number;
  /** Answers through our server before the measured ones (JIT, lazy imports, first connections). */
  warmup: number;
  /** The very first LLM answer after start, which pays for all of that. */
  firstRequest: StreamTiming | null;
  /** Median differences, ms. */
  addedFirstTokenMs: number;
  addedTotalMs: number;
}

/** Word-sized pieces as the stand-in streams them; [n] markers so the answer cites like a real one. */
const ANSWER =
  'The documents address this question directly and ask the participating states to act together [1]. ' +
  'They also set out how the work should be followed up and reviewed in later meetings [2].';

/** POSTs and times the stream: first chunk matching `isToken`, and the end. Returns the body too. */
function timeStream(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  isToken: (text: string) => boolean,
): Promise<StreamTiming & { body: string; status: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let first = -1;
    let text = '';
    const req = http.request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (first < 0 && isToken(text)) first = performance.now() - t0;
        });
        res.on('end', () =>
          resolve({ firstTokenMs: first, totalMs: performance.now() - t0, body: text, status: res.statusCode ?? 0 }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** The `done` event's data of an SSE reply, or null. */
function doneEvent(sse: string): { mode?: string } | null {
  const m = /event: done\ndata: (.*)\n/.exec(sse);
  return m ? (JSON.parse(m[1]) as { mode?: string }) : null;
}

export async function measureLlmOverhead(options: {
  indexDir: string;
  questions: string[];
  samples: number;
  warmup: number;
  upstreamDelayMs: number;
  chunkDelayMs: number;
  nodeArgs?: (label: string) => string[];
  log: (line: string) => void;
}): Promise<LlmOverheadResults> {
  const fake = await startFakeOpenAI({
    kind: 'reply',
    text: ANSWER,
    delayMs: options.upstreamDelayMs,
    chunkDelayMs: options.chunkDelayMs,
  });
  const direct: StreamTiming[] = [];
  const ours: StreamTiming[] = [];
  let declined = 0;
  let upstreamCalls = 0;
  let firstRequest: StreamTiming | null = null;
  try {
    const directBody = { model: 'fake-model', stream: true, messages: [{ role: 'user', content: 'Hello' }] };
    const isChunk = (t: string) => t.includes('"content":');
    // One warm-up each way (sockets, JIT), then the measured calls.
    await timeStream(`${fake.url}/chat/completions`, directBody, {}, isChunk);
    for (let i = 0; i < options.samples; i++) {
      const t = await timeStream(`${fake.url}/chat/completions`, directBody, {}, isChunk);
      direct.push({ firstTokenMs: t.firstTokenMs, totalMs: t.totalMs });
    }

    const server = await startServer({
      env: {
        INDEX_DIR: options.indexDir,
        AUTO_INGEST: 'false',
        OPENAI_API_KEY: 'test',
        OPENAI_BASE_URL: fake.url,
        LLM_MAX_RETRIES: '0',
      },
      nodeArgs: options.nodeArgs?.('llm-server'),
    });
    try {
      const sse = { accept: 'text/event-stream' };
      const isToken = (t: string) => t.includes('event: token');
      let warm = 0;
      // The questions cycle if there are fewer grounded ones than warm-ups plus samples; bounded either way.
      const tries =
        options.questions.length * Math.ceil((options.warmup + options.samples) / options.questions.length + 1);
      for (let i = 0; i < tries && ours.length < options.samples; i++) {
        const question = options.questions[i % options.questions.length];
        const before = fake.requests.length;
        const t = await timeStream(`${server.url}/api/chat`, { question, mode: 'llm' }, sse, isToken);
        const done = doneEvent(t.body);
        const called = fake.requests.length - before;
        if (t.status !== 200 || done?.mode !== 'llm' || called === 0 || t.firstTokenMs < 0) {
          declined++;
          continue;
        }
        firstRequest ??= { firstTokenMs: t.firstTokenMs, totalMs: t.totalMs };
        if (warm < options.warmup) {
          warm++; // the first answers pay for lazy imports, JIT and connections; a running server has paid
          continue;
        }
        upstreamCalls += called;
        ours.push({ firstTokenMs: t.firstTokenMs, totalMs: t.totalMs });
      }
    } finally {
      await server.stop();
    }
  } finally {
    await fake.close();
  }
  if (ours.length === 0) throw new Error('llm-overhead: no question went through the LLM path');
  const med = (xs: StreamTiming[], key: keyof StreamTiming) =>
    percentile(
      xs.map((x) => x[key]),
      50,
    );
  const results: LlmOverheadResults = {
    upstreamDelayMs: options.upstreamDelayMs,
    chunkDelayMs: options.chunkDelayMs,
    chunks: wordPieces(ANSWER).length,
    direct,
    ours,
    declined,
    upstreamCalls,
    warmup: options.warmup,
    firstRequest,
    addedFirstTokenMs: med(ours, 'firstTokenMs') - med(direct, 'firstTokenMs'),
    addedTotalMs: med(ours, 'totalMs') - med(direct, 'totalMs'),
  };
  options.log(
    `llm overhead: +${results.addedFirstTokenMs.toFixed(1)} ms to first token, +${results.addedTotalMs.toFixed(1)} ms total`,
  );
  return results;
}
