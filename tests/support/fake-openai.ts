/**
 * @module tests/support/fake-openai
 * A stand-in OpenAI-compatible server for tests: POST /v1/chat/completions (JSON and SSE) and GET /v1/models
 * on 127.0.0.1, with per-test behaviour (reply, error, hang, cut stream, delay) and a record of requests, so
 * the real client is exercised over real HTTP without a network or a key.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { wordPieces } from '../../server/answer/pieces.js';
import { readBody, sendJson, startStub } from './http-stub.js';

export interface FakeChatMessage {
  role: string;
  content: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** The parsed JSON body ({} for GET). */
  body: {
    model?: string;
    messages?: FakeChatMessage[];
    stream?: boolean;
    temperature?: number;
    [key: string]: unknown;
  };
  authorization: string | undefined;
}

type ReplyText = string | ((request: RecordedRequest) => string);

export type FakeBehaviour =
  /**
   * Answers with `text`; `delayMs` before the first byte; streamed in word-sized chunks when asked to stream,
   * or in chunks of `chunkChars` characters.
   */
  | { kind: 'reply'; text: ReplyText; delayMs?: number; chunkDelayMs?: number; chunkChars?: number }
  /** Answers every chat request with this HTTP status and an OpenAI-style error body. */
  | { kind: 'error'; status: number; message?: string }
  /** Accepts the request and never answers, until the server is closed. */
  | { kind: 'hang' }
  /** Streams `afterChunks` content chunks of `text`, then destroys the socket (a JSON request gets none). */
  | { kind: 'cut'; text: ReplyText; afterChunks: number }
  /** Streams every chunk of `text` but neither a finish reason nor [DONE], then ends the response cleanly. */
  | { kind: 'truncate'; text: ReplyText };

export interface FakeOpenAI {
  /** Base URL ending in /v1, for `configuration.baseURL`. */
  url: string;
  /** Chat and model requests received, in order. */
  requests: RecordedRequest[];
  /** Changes the behaviour for the requests that follow. */
  setBehaviour(behaviour: FakeBehaviour | ((request: RecordedRequest, index: number) => FakeBehaviour)): void;
  close(): Promise<void>;
}

const MODEL = 'fake-model';

/**
 * The number the request's prompt showed the passage labelled `label` under ("Recommendation 18"), if it
 * was shown. Passages are numbered grouped by document in date order, not by rank, so a scripted answer
 * that means a given unit must look its number up.
 */
export function shownNumber(request: RecordedRequest, label: string): number | undefined {
  const prompt = (request.body.messages ?? []).map((m) => m.content).join('\n');
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = new RegExp(`^\\[(\\d+)\\] ${escaped}\\b`, 'm').exec(prompt);
  return found ? Number(found[1]) : undefined;
}

/** A scripted reply whose "[1]" markers cite the passage labelled `label`, by the number the prompt gave it. */
export function citing(label: string, text: string): (request: RecordedRequest) => string {
  return (request) => text.replaceAll('[1]', `[${shownNumber(request, label) ?? 1}]`);
}

/** Starts the stand-in on a random port. Close it in afterEach/afterAll: open sockets are destroyed. */
export async function startFakeOpenAI(
  initial: FakeBehaviour | ((request: RecordedRequest, index: number) => FakeBehaviour),
): Promise<FakeOpenAI> {
  let behaviour = initial;
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let chatCount = 0;

  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const raw = await readBody(req);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      body: raw ? (JSON.parse(raw) as RecordedRequest['body']) : {},
      authorization: req.headers.authorization,
    };
    requests.push(record);

    if (req.method === 'GET' && path === '/v1/models') {
      sendJson(res, 200, { object: 'list', data: [{ id: MODEL, object: 'model', created: 0, owned_by: 'fake' }] });
      return;
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      sendJson(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } });
      return;
    }

    const b = typeof behaviour === 'function' ? behaviour(record, chatCount) : behaviour;
    chatCount++;
    const model = record.body.model ?? MODEL;
    const textOf = (t: ReplyText): string => (typeof t === 'function' ? t(record) : t);
    switch (b.kind) {
      case 'hang':
        return; // the socket stays open until close() destroys it
      case 'error':
        sendJson(res, b.status, {
          error: { message: b.message ?? `fake upstream error ${b.status}`, type: 'server_error', code: null },
        });
        return;
      case 'reply': {
        if (b.delayMs) await wait(b.delayMs);
        const text = textOf(b.text);
        if (!record.body.stream) {
          sendJson(res, 200, completion(model, text));
          return;
        }
        startStream(res);
        for (const piece of b.chunkChars ? fixedPieces(text, b.chunkChars) : pieces(text)) {
          await write(res, sse(chunk(model, { content: piece }, null)));
          if (b.chunkDelayMs) await wait(b.chunkDelayMs);
        }
        await write(res, sse(chunk(model, {}, 'stop')) + usageEvent(record, model) + 'data: [DONE]\n\n');
        res.end();
        return;
      }
      case 'cut': {
        if (!record.body.stream) {
          res.destroy();
          return;
        }
        startStream(res);
        for (const piece of pieces(textOf(b.text)).slice(0, b.afterChunks)) {
          await write(res, sse(chunk(model, { content: piece }, null)));
        }
        res.socket?.destroy();
        return;
      }
      case 'truncate': {
        startStream(res);
        for (const piece of pieces(textOf(b.text))) await write(res, sse(chunk(model, { content: piece }, null)));
        res.end();
        return;
      }
    }
  }

  const stub = await startStub(handle, () => {
    for (const t of timers) clearTimeout(t);
  });

  return {
    url: `${stub.url}/v1`,
    requests,
    setBehaviour(next) {
      behaviour = next;
    },
    close: stub.close,
  };
}

function startStream(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
}

// Resolves once the bytes are handed to the socket, so a following destroy() cannot swallow them.
function write(res: ServerResponse, data: string): Promise<void> {
  return new Promise((resolve, reject) => res.write(data, (err) => (err ? reject(err) : resolve())));
}

/** Word-sized pieces, each keeping its trailing space, as models stream them. */
export const pieces = wordPieces;

/** Pieces of `size` characters (the last may be shorter). */
function fixedPieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const sse = (data: unknown): string => `data: ${JSON.stringify(data)}\n\n`;

function chunk(model: string, delta: { content?: string }, finishReason: string | null): unknown {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta: { role: 'assistant', ...delta }, logprobs: null, finish_reason: finishReason }],
  };
}

function usageEvent(record: RecordedRequest, model: string): string {
  const options = record.body.stream_options as { include_usage?: boolean } | undefined;
  if (!options?.include_usage) return '';
  return sse({
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  });
}

function completion(model: string, text: string): unknown {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}
