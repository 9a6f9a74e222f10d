/**
 * @module server/http/error-handler
 * The one place errors become HTTP responses: `{ "error": { "code", "message" } }` with the error's status.
 * Unknown errors are answered with a generic 500; messages lose any file-system path on the way out (the
 * log line keeps the whole error, stack and paths included).
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { AppError, errorBody, isAppError, RequestError, type ErrorBody } from '../../core/errors.js';
import { payloadTooLarge } from './body.js';
import { stripKnownDirs, stripPaths } from './redact.js';

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

/** Maps body-parser and other http-errors style errors onto our codes. */
function fromHttpError(err: HttpishError & Error): AppError | null {
  const status = err.status ?? err.statusCode;
  if (!status || status < 400 || status >= 500) return null;
  switch (err.type) {
    case 'entity.too.large':
      return payloadTooLarge();
    case 'entity.parse.failed':
      return new RequestError('INVALID_REQUEST', 'request: body is not valid JSON');
    case 'entity.verify.failed':
      return new RequestError('INVALID_REQUEST', err.message || 'request: invalid body');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new RequestError('UNSUPPORTED_MEDIA_TYPE', 'request: only UTF-8 JSON bodies are accepted');
    case 'request.aborted':
      return new RequestError('INVALID_REQUEST', 'request: the body was not received in full');
    case 'request.size.invalid':
      return new RequestError('INVALID_REQUEST', 'request: the body does not match its Content-Length');
    default:
      break;
  }
  if (status === 413) return new RequestError('PAYLOAD_TOO_LARGE', 'request: body too large');
  if (status === 415) return new RequestError('UNSUPPORTED_MEDIA_TYPE', 'request: unsupported media type');
  // A URIError from the router (bad percent-encoding) and our own body checks end up here.
  return new RequestError('INVALID_REQUEST', err.expose && err.message ? err.message : 'request: invalid request');
}

/** The body a client sees for an error: our code, and a message with no file-system paths. */
export function publicErrorBody(err: AppError, knownDirs: readonly string[] = []): ErrorBody {
  const { code, message } = errorBody(err).error;
  // Request errors are our own words around the client's input: only known folders are hidden, so a URL in
  // "no route for GET /x/y" stays readable. Anything else (index, upstream, internal) loses whatever looks
  // like a path.
  const clean =
    err instanceof RequestError && err.status < 500
      ? stripKnownDirs(message, knownDirs)
      : stripPaths(message, knownDirs);
  return { error: { code, message: clean.slice(0, 1000) } };
}

/** Marks the error for the request log line (pino-http logs `res.err` at error level, stack and all). */
export function recordForLog(res: Response, err: unknown): void {
  res.err = err instanceof Error ? err : new Error(String(err));
}

/** 503s that are the service working as designed (shedding load, starting up): logged as warnings, not failures. */
const EXPECTED = new Set(['INDEX_NOT_READY', 'SERVER_BUSY']);

export interface ErrorHandlerOptions {
  /** Folders whose paths must not reach clients (index, corpus, cache, project). */
  knownDirs?: readonly string[];
}

export function errorHandler(options: ErrorHandlerOptions = {}): ErrorRequestHandler {
  const dirs = options.knownDirs ?? [];
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      // Too late for a status: Express's final handler closes the connection, which the client sees as a cut.
      recordForLog(res, err);
      next(err);
      return;
    }
    const appError =
      (isAppError(err) ? err : null) ?? (err instanceof Error ? fromHttpError(err as HttpishError & Error) : null);
    if (appError) {
      if (appError.status >= 500 && !EXPECTED.has(appError.code)) {
        recordForLog(res, err);
      }
      res.status(appError.status).json(publicErrorBody(appError, dirs));
      return;
    }
    recordForLog(res, err);
    res.status(500).json({ error: { code: 'INTERNAL', message: 'server: internal error' } });
  };
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new RequestError('NOT_FOUND', `route: no route for ${req.method} ${req.path.slice(0, 200)}`));
};
