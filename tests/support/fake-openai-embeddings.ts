/**
 * @module tests/support/fake-openai-embeddings
 * A stand-in OpenAI-compatible embeddings server for tests: POST /v1/embeddings on 127.0.0.1 with
 * deterministic fake vectors (float or base64, as asked), per-test behaviour (answer, error, hang, stall
 * mid-body) and a record of requests, so the real LangChain/OpenAI client runs over real HTTP without a
 * network or a key.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson, startStub } from './http-stub.js';

export interface RecordedEmbeddingRequest {
  path: string;
  model: string | undefined;
  input: string[];
  encodingFormat: string | undefined;
  dimensions: number | undefined;
  authorization: string | undefined;
}

export type FakeEmbeddingsBehaviour =
  /** Answers with `fakeVector(text, dimensions)` per input. */
  | { kind: 'answer'; dimensions: number }
  /** This HTTP status and an OpenAI-style error body; `echoKey` puts the caller's bearer token in the message, as some servers do. */
  | { kind: 'error'; status: number; echoKey?: boolean }
  /** Accepts the request and never answers, until the server is closed. */
  | { kind: 'hang' }
  /** Sends 200 and the start of the body, then nothing more, until the server is closed. */
  | { kind: 'stall-body' };

export interface FakeOpenAIEmbeddings {
  /** Base URL ending in /v1, as OPENAI_BASE_URL would be. */
  url: string;
  requests: RecordedEmbeddingRequest[];
  setBehaviour(behaviour: FakeEmbeddingsBehaviour): void;
  close(): Promise<void>;
}

/** Deterministic pseudo-random vector in [-1, 1)^dims seeded by the text (FNV-1a, then an LCG). */
export function fakeVector(text: string, dimensions: number): number[] {
  let seed = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) seed = Math.imul(seed ^ text.charCodeAt(i), 0x01000193) >>> 0;
  const out: number[] = [];
  for (let i = 0; i < dimensions; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    out.push(seed / 2 ** 31 - 1);
  }
  return out;
}

export async function startFakeOpenAIEmbeddings(
  initial: FakeEmbeddingsBehaviour = { kind: 'answer', dimensions: 1536 },
): Promise<FakeOpenAIEmbeddings> {
  let behaviour = initial;
  const requests: RecordedEmbeddingRequest[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const raw = await readBody(req);
    if (req.method !== 'POST' || path !== '/v1/embeddings') {
      sendJson(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } });
      return;
    }
    const body = JSON.parse(raw || '{}') as {
      model?: string;
      input?: unknown;
      encoding_format?: string;
      dimensions?: number;
    };
    const input = Array.isArray(body.input) ? body.input.map(String) : [String(body.input ?? '')];
    const record: RecordedEmbeddingRequest = {
      path,
      model: body.model,
      input,
      encodingFormat: body.encoding_format,
      dimensions: body.dimensions,
      authorization: req.headers.authorization,
    };
    requests.push(record);

    const b = behaviour;
    switch (b.kind) {
      case 'hang':
        return; // the socket stays open until close() destroys it
      case 'stall-body':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"object":"list","data":[');
        return;
      case 'error': {
        const key = (record.authorization ?? '').replace(/^Bearer\s+/i, '');
        const message = b.echoKey ? `Incorrect API key provided: ${key}` : `fake upstream error ${b.status}`;
        sendJson(res, b.status, { error: { message, type: 'server_error', code: null } });
        return;
      }
      case 'answer': {
        const dims = body.dimensions ?? b.dimensions;
        const data = input.map((text, index) => {
          const v = fakeVector(text, dims);
          const embedding =
            body.encoding_format === 'base64' ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v;
          return { object: 'embedding', index, embedding };
        });
        const tokens = input.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0);
        sendJson(res, 200, {
          object: 'list',
          data,
          model: body.model,
          usage: { prompt_tokens: tokens, total_tokens: tokens },
        });
        return;
      }
    }
  }

  const stub = await startStub(handle);
  return {
    url: `${stub.url}/v1`,
    requests,
    setBehaviour(next) {
      behaviour = next;
    },
    close: stub.close,
  };
}
