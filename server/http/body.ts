/**
 * @module server/http/body
 * JSON body parsing with the service's limits: 64 KB, UTF-8 only (invalid byte sequences refused), bounded
 * nesting, no prototype-pollution keys, and 415 for anything that is not JSON.
 */
import express, { type RequestHandler } from 'express';
import { RequestError } from '../../core/errors.js';

export const BODY_LIMIT_BYTES = 64 * 1024;

/** The refusal of a body over BODY_LIMIT_BYTES, announced or read. */
export function payloadTooLarge(): RequestError {
  return new RequestError('PAYLOAD_TOO_LARGE', `request: body is larger than the ${BODY_LIMIT_BYTES / 1024} KB limit`);
}
/** Deeper than any request this API reads (an OpenAI message part is 4 levels down). */
export const MAX_DEPTH = 16;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class BodyRejected extends Error {
  readonly status = 400;
  readonly expose = true;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The deepest nesting of objects and arrays in raw JSON bytes, stopping early past `limit`. Run before
 * parsing, so a 64 KB "[[[[…" costs one pass over the bytes and no allocation.
 */
export function jsonDepth(buf: Uint8Array, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
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

/** Walks the parsed body for a key that could reach a prototype; JSON.parse keeps "__proto__" as an own key. */
function forbiddenKey(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return null;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return key;
    const found = forbiddenKey((value as Record<string, unknown>)[key]);
    if (found) return found;
  }
  return null;
}

const parseJson = express.json({
  limit: BODY_LIMIT_BYTES,
  strict: true,
  type: () => true,
  verify: (_req, _res, buf) => {
    try {
      strictUtf8.decode(buf);
    } catch {
      throw new BodyRejected('request: body is not valid UTF-8');
    }
    if (jsonDepth(buf, MAX_DEPTH) > MAX_DEPTH) {
      throw new BodyRejected(`request: JSON nested deeper than ${MAX_DEPTH} levels`);
    }
  },
});

/** For POST routes: requires a JSON content type, parses, and refuses prototype keys. */
export const jsonBody: RequestHandler = (req, res, next) => {
  if (!req.is('application/json')) {
    next(new RequestError('UNSUPPORTED_MEDIA_TYPE', 'request: send the body as application/json'));
    return;
  }
  // The parser would read (and drop) an oversized body before answering; a client announcing one gets the
  // 413 at once, and the connection is closed rather than drained.
  const announced = Number(req.get('content-length'));
  if (Number.isFinite(announced) && announced > BODY_LIMIT_BYTES) {
    res.setHeader('Connection', 'close');
    next(payloadTooLarge());
    return;
  }
  parseJson(req, res, (err?: unknown) => {
    if (err) {
      next(err);
      return;
    }
    const key = forbiddenKey(req.body);
    if (key) {
      next(new RequestError('INVALID_REQUEST', `request: key "${key}" is not allowed`));
      return;
    }
    next();
  });
};
