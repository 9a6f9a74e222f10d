/**
 * @module tests/reliability/blocking.int
 * How long one hostile request can block the server's event loop (issue #12, target: none over 200 ms).
 * The bundled server runs in its own process, offline and in LLM mode behind a stand-in upstream (in this
 * process), with fixtures/loop-monitor.mjs preloaded: perf_hooks.monitorEventLoopDelay watches its loop and
 * reports over IPC. Each probe is sent alone; the longest stall seen while it is in flight is its figure.
 * The figures are printed (`npx vitest run tests/reliability/blocking.int.test.ts`) and recorded in
 * docs/reliability.md. The test fails at 500 ms, a margin for a busy machine that a quadratic pass (seconds)
 * still far exceeds.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeBehaviour, type FakeOpenAI } from '../support/fake-openai.js';
import { TEST_INDEX_DIR } from '../support/test-index.js';
import { GOOD_QUESTION, postJson, rawRequest, spawnServer, type RawResponse, type SpawnedServer } from './helpers.js';

const LIMIT_MS = 500;
const SPACES = (n: number) => ' '.repeat(n);
const MONITOR = path.join(import.meta.dirname, 'fixtures', 'loop-monitor.mjs');

function ask(child: ChildProcess, message: 'reset' | 'report'): Promise<{ type: string; maxMs?: number }> {
  return new Promise((resolve) => {
    const onMessage = (reply: { type: string; maxMs?: number }) => {
      if (reply.type !== message) return;
      child.off('message', onMessage);
      resolve(reply);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

/** The server's longest event-loop stall while `run` is in flight, in ms. */
async function worstStall(
  server: SpawnedServer,
  run: () => Promise<RawResponse>,
): Promise<{ ms: number; res: RawResponse }> {
  await ask(server.child, 'reset');
  const res = await run();
  await new Promise((r) => setTimeout(r, 20)); // the interval that ends with the response is recorded too
  const { maxMs } = await ask(server.child, 'report');
  return { ms: maxMs ?? Infinity, res };
}

function startServer(env: Record<string, string> = {}): Promise<SpawnedServer> {
  return spawnServer(
    { INDEX_DIR: TEST_INDEX_DIR, AUTO_INGEST: 'false', LOG_LEVEL: 'silent', ...env },
    { nodeArgs: ['--import', MONITOR], ipc: true },
  );
}

interface Probe {
  name: string;
  send: (port: number) => Promise<RawResponse>;
  /** The stand-in's behaviour for LLM-mode probes. */
  upstream?: FakeBehaviour;
}

const turns = (n: number, content: string) =>
  Array.from({ length: n }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content }));
const paddedTurn = `Carriers${SPACES(3_000)}[1]${SPACES(3_000)}[2, 3${SPACES(1_900)}`;

const OFFLINE: Probe[] = [
  {
    name: 'chat: 2,000-character question of unit names and numbers',
    send: (port) => postJson(port, '/api/chat', { question: 'Recommendation 18 paragraph 4 clause f '.repeat(51) }),
  },
  {
    name: 'chat: 7 history turns of 8,000 characters, whitespace and open markers',
    send: (port) =>
      postJson(port, '/api/chat', { question: 'And what about them?', history: turns(7, paddedTurn.slice(0, 8000)) }),
  },
  {
    name: 'search: 2,000 characters of misspelt words',
    send: (port) => postJson(port, '/api/search', { query: 'sanctoins carirers docmuents '.repeat(68), k: 50 }),
  },
  {
    name: 'verify: 50,000-character answer of marker groups, 40 long quotes',
    send: (port) =>
      postJson(port, '/api/verify', {
        answer: `[1,${' 2,'.repeat(16_000)}`.slice(0, 50_000),
        citations: Array.from({ length: 40 }, (_, n) => ({
          n,
          id: 'prague-1997:rec-18',
          quote: 'carriers '.repeat(30),
        })),
      }),
  },
  {
    name: 'search: 64 KB body of 4,000 nested objects (key walk)',
    send: (port) =>
      rawRequest(port, {
        method: 'POST',
        path: '/api/search',
        headers: { 'content-type': 'application/json' },
        body: `{"query":"carriers","x":[${Array.from({ length: 4_000 }, () => '{"a":{"b":[1]}}').join(',')}]}`.slice(
          0,
          64 * 1024 - 2,
        ),
      }),
  },
  {
    name: 'completions: 500 messages',
    send: (port) =>
      postJson(port, '/v1/chat/completions', {
        messages: [...turns(499, `filler ${SPACES(40)} [1]`), { role: 'user', content: GOOD_QUESTION }],
      }),
  },
];

const invented = '“All migrants shall be detained indefinitely without review” [1]. ';
const LLM: Probe[] = [
  {
    name: 'model reply: 100,000 spaces before a marker (refused: over LLM_MAX_TOKENS × 8 characters)',
    upstream: { kind: 'reply', text: `Carriers are fined${SPACES(100_000)}[1].` },
    send: (port) => postJson(port, '/api/chat', { question: GOOD_QUESTION }),
  },
  {
    name: 'model reply: 8,000 characters of spaces before an unclosed "["',
    upstream: { kind: 'reply', text: `Carriers are fined [1].${SPACES(8_000)}[x` },
    send: (port) => postJson(port, '/api/chat', { question: GOOD_QUESTION }),
  },
  {
    name: 'model reply: 120 invented quotes and 120 named units, streamed',
    upstream: { kind: 'reply', text: `${invented}Recommendation 55 says so [2]. `.repeat(60) },
    send: (port) => postJson(port, '/api/chat', { question: GOOD_QUESTION }, { accept: 'text/event-stream' }),
  },
  {
    name: 'model reply: 7,680 one-character chunks, streamed to /api/chat',
    upstream: { kind: 'reply', text: 'Carriers are fined [1]. '.repeat(320), chunkChars: 1 },
    send: (port) => postJson(port, '/api/chat', { question: GOOD_QUESTION }, { accept: 'text/event-stream' }),
  },
  {
    name: 'model reply: 8,000 one-character chunks with HTML, to /v1 (sanitised)',
    upstream: { kind: 'reply', text: `Carriers [1] <b>x</b> [a](javascript:y) `.repeat(200), chunkChars: 1 },
    send: (port) =>
      postJson(port, '/v1/chat/completions', { stream: true, messages: [{ role: 'user', content: GOOD_QUESTION }] }),
  },
  {
    name: 'upstream error: HTTP 500 with 100,000 spaces in its message',
    upstream: { kind: 'error', status: 500, message: `failed${SPACES(100_000)}x${SPACES(100_000)}` },
    send: (port) => postJson(port, '/api/chat', { question: GOOD_QUESTION }),
  },
  {
    name: 'follow-up with 7 padded history turns (condensed by the model)',
    upstream: { kind: 'reply', text: 'What did Prague 1997 say about carrier sanctions?' },
    send: (port) =>
      postJson(port, '/api/chat', { question: 'And what about them?', history: turns(7, paddedTurn.slice(0, 8000)) }),
  },
];

const figures: string[] = [];

async function runProbes(probes: Probe[], server: SpawnedServer, fake?: FakeOpenAI): Promise<number> {
  let worst = 0;
  // Warm-up: the first requests of a process load and compile the code they run; a user meets that once.
  await postJson(server.port, '/api/chat', { question: GOOD_QUESTION });
  await postJson(server.port, '/api/chat', { question: GOOD_QUESTION }, { accept: 'text/event-stream' });
  for (const probe of probes) {
    if (probe.upstream) fake?.setBehaviour(probe.upstream);
    const { ms, res } = await worstStall(server, () => probe.send(server.port));
    expect(res.status, probe.name).toBeLessThan(500);
    figures.push(`${ms.toFixed(0).padStart(5)} ms  ${probe.name}  (HTTP ${res.status})`);
    worst = Math.max(worst, ms);
    // A stall is wall-clock time, so a machine busy with other work can inflate one reading; a quadratic pass
    // stalls every time. Over the limit once, the probe is sent again and the lower reading counts.
    const retried = ms < LIMIT_MS ? ms : Math.min(ms, (await worstStall(server, () => probe.send(server.port))).ms);
    expect(retried, probe.name).toBeLessThan(LIMIT_MS);
  }
  return worst;
}

describe('event-loop blocking by one hostile request', () => {
  let offline: SpawnedServer;
  let llm: SpawnedServer;
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ kind: 'reply', text: 'Carriers are fined [1].' });
    [offline, llm] = await Promise.all([
      startServer(),
      startServer({
        OPENAI_API_KEY: 'sk-blocking-probe',
        OPENAI_BASE_URL: fake.url,
        LLM_TIMEOUT_MS: '10000',
        LLM_MAX_RETRIES: '0',
      }),
    ]);
    await Promise.all([offline.waitForHealth(), llm.waitForHealth()]);
  });
  afterAll(async () => {
    console.log(`event-loop blocking per hostile request:\n${figures.join('\n')}`);
    offline?.kill();
    llm?.kill();
    await fake?.close();
  });

  it(`offline: every probe under ${LIMIT_MS} ms`, async () => {
    const worst = await runProbes(OFFLINE, offline);
    figures.push(`worst offline: ${worst.toFixed(0)} ms`);
  }, 120_000);

  it(`LLM mode: every probe under ${LIMIT_MS} ms`, async () => {
    const worst = await runProbes(LLM, llm, fake);
    figures.push(`worst LLM mode: ${worst.toFixed(0)} ms`);
  }, 120_000);
});
