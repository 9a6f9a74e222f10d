/**
 * @module server/http/body
 * JSON body parsing with the service's limits: 64 KB, UTF-8 only (invalid byte sequences refused),
 * no prototype-pollution keys, bounded nesting, and 415 for anything that is not JSON.
 */
import express, { type RequestHandler } from 'express';
import { RequestError } from '../errors.js';

export const BODY_LIMIT_BYTES = 64 * 1024;
const MAX_DEPTH = 16;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class BodyRejected extends Error {
  readonly status = 400;
  readonly expose = true;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Walks the parsed body; returns a reason to refuse it, or null. JSON.parse keeps "__proto__" as an own key. */
function inspect(value: unknown, depth = 0): string | null {
  if (depth > MAX_DEPTH) return `request: JSON nested deeper than ${MAX_DEPTH} levels`;
  if (value === null || typeof value !== 'object') return null;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return `request: key "${key}" is not allowed`;
    const reason = inspect((value as Record<string, unknown>)[key], depth + 1);
    if (reason) return reason;
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
  },
});

/** For POST routes: requires a JSON content type, parses, and checks depth. */
export const jsonBody: RequestHandler = (req, res, next) => {
  if (!req.is('application/json')) {
    next(new RequestError('UNSUPPORTED_MEDIA_TYPE', 'request: send the body as application/json'));
    return;
  }
  parseJson(req, res, (err?: unknown) => {
    if (err) {
      next(err);
      return;
    }
    const reason = inspect(req.body);
    if (reason) {
      next(new RequestError('INVALID_REQUEST', reason));
      return;
    }
    next();
  });
};
