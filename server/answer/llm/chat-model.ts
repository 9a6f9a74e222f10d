/**
 * @module server/answer/llm/chat-model
 * The one way this project talks to the chat model: a ChatOpenAI with bounded retries and timeout, called
 * under a total deadline that also covers the streamed body, with every failure turned into UpstreamError.
 */
import { performance } from 'node:perf_hooks';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
// Types only from config.ts: this module is loaded on demand, and a value import would put config.ts in a
// chunk shared with main.js (which core/config.ts's project-root search now also survives).
import type { Config } from '../../../core/config.js';
import { ConfigError, UpstreamError } from '../../../core/errors.js';
import type { TokenSink } from '../types.js';

import { isLlmConfigured } from './configured.js';
import type { UpstreamDetails, UpstreamFailure } from './upstream-reason.js';

// Local OpenAI-compatible servers (Ollama, vLLM, LM Studio) ignore the key, but the client insists on one.
const PLACEHOLDER_KEY = 'not-needed';

/**
 * A reply longer than this many characters per allowed token is refused: an upstream that ignores
 * max_tokens must not make post-processing (and the event loop) work through megabytes of text.
 */
const CHARS_PER_TOKEN_CAP = 8;
/** How much of an upstream error message is read at all. */
const MAX_ERROR_CHARS = 2_000;
/**
 * Chunks that arrive together are read in one run of microtasks, which never lets the event loop turn: a
 * reply sent at once in 1-character chunks held it for a second. The stream loop hands it back this often.
 */
const YIELD_EVERY_MS = 10;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The longest reply accepted from the model under this config, in characters. */
export function maxReplyChars(config: Config): number {
  return config.openai.maxTokens * CHARS_PER_TOKEN_CAP;
}

function upstreamError(message: string, failure: UpstreamFailure, cause?: unknown): UpstreamError {
  const details: UpstreamDetails = { failure };
  return new UpstreamError(message, { cause, details });
}

/**
 * A ChatOpenAI for this config. Timeout and retries are always explicit: LangChain's default is 6 retries
 * with exponential backoff, which would hold a user's request for a minute against a failing upstream.
 * Throws ConfigError when no key or base URL is configured.
 */
export function createChatModel(config: Config, options: { streaming?: boolean } = {}): ChatOpenAI {
  if (!isLlmConfigured(config)) {
    throw new ConfigError('LLM is not configured: set OPENAI_API_KEY, or OPENAI_BASE_URL for a local server');
  }
  const { apiKey, baseURL, chatModel, timeoutMs, maxRetries, maxConcurrency, maxTokens } = config.openai;
  return new ChatOpenAI({
    model: chatModel,
    apiKey: apiKey ?? PLACEHOLDER_KEY,
    configuration: { baseURL },
    temperature: 0,
    maxTokens,
    timeout: timeoutMs,
    maxRetries,
    maxConcurrency,
    // `streaming: false` would make LangChain refuse to stream at all; leave it unset when not streaming.
    ...(options.streaming ? { streaming: true } : {}),
  });
}

// One model per config and mode, so maxConcurrency queues calls across requests instead of per call.
const models = new WeakMap<Config, { streaming?: ChatOpenAI; plain?: ChatOpenAI }>();

function modelFor(config: Config, streaming: boolean): ChatOpenAI {
  const entry = models.get(config) ?? {};
  models.set(config, entry);
  if (streaming) return (entry.streaming ??= createChatModel(config, { streaming: true }));
  return (entry.plain ??= createChatModel(config));
}

export interface ChatCallOptions {
  config: Config;
  messages: BaseMessage[] | string;
  /** Given → the reply is streamed and each piece of text is passed on as it arrives. */
  onToken?: TokenSink;
  /** The caller's cancellation (e.g. the client went away); rejects with the signal's reason, not UpstreamError. */
  signal?: AbortSignal;
  /** What the call is for, named in error messages ("answer", "condense"). */
  purpose: string;
}

/** Wraps a failure of the token sink so it is re-thrown as is rather than blamed on the upstream. */
class SinkFailure {
  constructor(readonly error: unknown) {}
}

/**
 * Calls the chat model and resolves with the reply text. The whole call — connection, retries and the full
 * stream — must finish within config.openai.timeoutMs: the client's own timeout stops once headers arrive,
 * so a stream that stalls mid-way would otherwise hang the request.
 */
export async function callChatModel(options: ChatCallOptions): Promise<string> {
  const { config, messages, onToken, signal, purpose } = options;
  signal?.throwIfAborted();
  const timeoutMs = config.openai.timeoutMs;
  const maxChars = maxReplyChars(config);
  const tooLong = (): UpstreamError =>
    upstreamError(`LLM upstream reply ran past ${maxChars} characters (${purpose})`, {
      kind: 'too-long',
      chars: maxChars,
    });
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`deadline of ${timeoutMs} ms passed`));
  }, timeoutMs);
  const onCallerAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onCallerAbort, { once: true });
  // Rejects the moment the call is aborted, whether or not the library notices the signal promptly.
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  aborted.catch(() => undefined);

  let text = '';
  let chunks = 0;
  let finished = false; // the upstream said it was done (finish_reason)
  let drained = false; // we read to the end without an error
  let iterator: AsyncIterator<AIMessageChunk> | undefined;
  try {
    const model = modelFor(config, onToken !== undefined);
    if (!onToken) {
      const reply = await Promise.race([model.invoke(messages, { signal: controller.signal }), aborted]);
      if (reply.text.length > maxChars) throw tooLong();
      text = reply.text;
      finished = true;
    } else {
      const stream = await Promise.race([model.stream(messages, { signal: controller.signal }), aborted]);
      iterator = stream[Symbol.asyncIterator]();
      let slice = performance.now();
      for (;;) {
        if (performance.now() - slice > YIELD_EVERY_MS) {
          await yieldToEventLoop();
          slice = performance.now();
        }
        const step = await Promise.race([iterator.next(), aborted]);
        // LangChain ends a stream quietly when its signal aborts; the race above is what turns that into an error.
        if (step.done) break;
        chunks++;
        if (step.value.response_metadata.finish_reason != null) finished = true;
        const piece = step.value.text;
        if (!piece) continue;
        if (text.length + piece.length > maxChars) throw tooLong();
        text += piece;
        try {
          onToken(piece);
        } catch (err) {
          throw new SinkFailure(err);
        }
      }
      controller.signal.throwIfAborted();
    }
    drained = true;
  } catch (err) {
    if (err instanceof SinkFailure) throw err.error;
    if (err instanceof UpstreamError) throw err;
    // The client's per-attempt timeout can fire just before the deadline does; it is the same event to the user.
    if (timedOut || isTimeout(err)) {
      throw upstreamError(
        `LLM upstream timed out after ${timeoutMs} ms (${purpose})`,
        { kind: 'timeout', ms: timeoutMs },
        err,
      );
    }
    if (signal?.aborted) throw signal.reason;
    const status = statusOf(err);
    const described = describe(err, config.openai.apiKey);
    if (chunks > 0) {
      throw upstreamError(
        `LLM upstream stream was cut off after ${text.length} characters (${purpose}): ${described}`,
        status === undefined ? { kind: 'cut' } : { kind: 'http', status },
        err,
      );
    }
    throw upstreamError(
      `LLM upstream failed (${purpose}): ${described}`,
      status === undefined ? { kind: 'other' } : { kind: 'http', status },
      err,
    );
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCallerAbort);
    if (!drained) {
      // Closes the HTTP request too, so an abandoned call does not keep a connection (and a slot) busy.
      controller.abort(new Error('call abandoned'));
      iterator?.return?.().catch(() => undefined);
    }
  }
  // A clean end without a finish reason means the connection closed early without an error being raised.
  if (!finished) {
    throw upstreamError(`LLM upstream stream ended before the answer was complete (${purpose})`, {
      kind: 'incomplete',
    });
  }
  if (!text.trim()) throw upstreamError(`LLM upstream returned an empty reply (${purpose})`, { kind: 'empty' });
  return text;
}

/**
 * A short, key-free description of an upstream error for logs: HTTP status when there is one, then the
 * message. Some servers echo the credentials they were sent, so the key (and anything shaped like one) is
 * masked here, at the source. Only the first MAX_ERROR_CHARS are read, once the key is out (a cut could
 * otherwise leave part of it), and every step is linear: the upstream chooses this text.
 */
export function describe(err: unknown, apiKey: string | undefined): string {
  const status = statusOf(err);
  const raw = err instanceof Error ? err.message : String(err);
  const keyed = apiKey && apiKey.length >= 4 ? raw.split(apiKey).join('[key]') : raw;
  const message = keyed.replace(/\bsk-[\w-]{8,}/g, '[key]').slice(0, MAX_ERROR_CHARS);
  // LangChain appends a docs link to some errors; it helps no one reading a 503.
  const link = message.indexOf('Troubleshooting URL:');
  const bare = link === -1 ? message : message.slice(0, link);
  const short = bare.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (status === undefined) return short || 'unknown error';
  return short.startsWith(String(status)) ? `HTTP ${short}` : `HTTP ${status}${short ? `: ${short}` : ''}`;
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'APIConnectionTimeoutError');
}

function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('status' in err)) return undefined;
  return typeof err.status === 'number' ? err.status : undefined;
}
