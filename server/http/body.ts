/**
 * @module server/http/body
 * JSON body parsing with the service's limits: 64 KB, UTF-8 only (any other charset is a 415, invalid byte
 * sequences a 400), bounded nesting, no prototype-pollution keys, a bounded time to receive the body, and
 * 415 for anything that is not JSON.
 *
 * The bytes are read by body-parser's raw reader (limits, gzip/deflate/br, aborted and short bodies); the
 * decoding, the nesting check, JSON.parse and the key check are ours and all work on one string, so no
 * check can be fooled by reading the bytes differently from the parser. Nothing here recurses.
 */
import { parse as parseContentType } from 'content-type';
import express, { type Request, type RequestHandler } from 'express';
import { RequestError } from '../../core/errors.js';

export const BODY_LIMIT_BYTES = 64 * 1024;

/** The refusal of a body over BODY_LIMIT_BYTES, announced or read. */
export function payloadTooLarge(): RequestError {
  return new RequestError('PAYLOAD_TOO_LARGE', `request: body is larger than the ${BODY_LIMIT_BYTES / 1024} KB limit`);
}
/** Deeper than any request this API reads (an OpenAI message part is 4 levels down). */
export const MAX_DEPTH = 16;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The Express app setting that holds the time allowed to receive a body (BODY_TIMEOUT_MS), set by app.ts.
 * A setting rather than a parameter so that every route's `jsonBody` is the same handler.
 */
export const BODY_TIMEOUT_SETTING = 'body timeout ms';
const DEFAULT_BODY_TIMEOUT_MS = 10_000;

// Strips a leading byte-order mark, as JSON.parse would not.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The deepest nesting of objects and arrays in JSON text, stopping early past `limit`. Run on the very
 * string JSON.parse will read, before it reads it, so a 64 KB "[[[[…" costs one pass and no allocation.
 */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return max;
}

/**
 * The first key of the parsed body that could reach a prototype (JSON.parse keeps "__proto__" as an own
 * key), or null. An explicit stack, not recursion: its size is bounded by the body, not by the call stack.
 */
export function forbiddenKey(root: unknown): string | null {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (value === null || typeof value !== 'object') continue;
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      pending.push((value as Record<string, unknown>)[key]);
    }
  }
  return null;
}

/** Null when the body's charset is one this API reads (UTF-8, or none named), else the refusal to send. */
function charsetProblem(req: Request): RequestError | null {
  const charset = parseContentType(req.get('content-type') ?? '').parameters.charset;
  if (charset === undefined || charset.toLowerCase() === 'utf-8') return null;
  return new RequestError(
    'UNSUPPORTED_MEDIA_TYPE',
    `request: charset "${charset.slice(0, 40)}" is not accepted; send the body as UTF-8 JSON`,
  );
}

const readBytes = express.raw({ limit: BODY_LIMIT_BYTES, type: () => true });

/** Decodes, checks and parses the bytes read; throws RequestError for anything the API does not accept. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw new RequestError('INVALID_REQUEST', 'request: body is not valid UTF-8');
  }
  // An empty body reads as {}, so the schema names the missing field instead of "invalid JSON".
  const first = text.trimStart()[0];
  if (first === undefined) return {};
  if (first !== '{' && first !== '[') throw new RequestError('INVALID_REQUEST', 'request: body must be a JSON object');
  if (jsonDepth(text, MAX_DEPTH) > MAX_DEPTH) {
    throw new RequestError('INVALID_REQUEST', `request: JSON nested deeper than ${MAX_DEPTH} levels`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RequestError('INVALID_REQUEST', 'request: body is not valid JSON');
  }
  const key = forbiddenKey(value);
  if (key) throw new RequestError('INVALID_REQUEST', `request: key "${key}" is not allowed`);
  return value;
}

/** Requests whose body this module has already parsed (the chat admission parses before the route does). */
const parsed = new WeakSet<Request>();

/**
 * For POST routes: requires a JSON content type in UTF-8, reads the body within BODY_TIMEOUT_MS, parses it
 * and refuses prototype keys. Every failure, thrown or reported, reaches `next` as an error, exactly once.
 */
export const jsonBody: RequestHandler = (req, res, next) => {
  if (parsed.has(req)) {
    next();
    return;
  }
  if (!req.is('application/json')) {
    next(new RequestError('UNSUPPORTED_MEDIA_TYPE', 'request: send the body as application/json'));
    return;
  }
  const charset = charsetProblem(req);
  if (charset) {
    // The body is not read: the connection goes, rather than draining what was refused.
    res.setHeader('Connection', 'close');
    next(charset);
    return;
  }
  // The reader would read (and drop) an oversized body before answering; a client announcing one gets the
  // 413 at once, and the connection is closed rather than drained.
  const announced = Number(req.get('content-length'));
  if (Number.isFinite(announced) && announced > BODY_LIMIT_BYTES) {
    res.setHeader('Connection', 'close');
    next(payloadTooLarge());
    return;
  }

  let settled = false;
  const settle = (err?: unknown): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    next(err);
  };
  const timeoutMs = Number(req.app.get(BODY_TIMEOUT_SETTING)) || DEFAULT_BODY_TIMEOUT_MS;
  // Separate from REQUEST_TIMEOUT_MS: a body trickled a byte at a time must not hold a handler for a minute.
  const timer = setTimeout(() => {
    res.setHeader('Connection', 'close');
    settle(new RequestError('REQUEST_TIMEOUT', `request: the body was not received within ${timeoutMs} ms`));
  }, timeoutMs);
  timer.unref();

  try {
    readBytes(req, res, (err?: unknown) => {
      // Called from the reader's stream events, outside Express's own try/catch: nothing may escape.
      try {
        if (err) {
          settle(err);
          return;
        }
        const bytes: unknown = req.body;
        req.body = parseJsonBytes(Buffer.isBuffer(bytes) ? bytes : new Uint8Array());
        parsed.add(req);
        settle();
      } catch (caught) {
        settle(caught);
      }
    });
  } catch (caught) {
    settle(caught);
  }
};
