/**
 * @module server/http/public-error
 * The one place an error becomes what a client sees: `{ "error": { "code", "message" } }` with its status,
 * and whether it is a failure worth the log's error line. Used by the error handler and by both streaming
 * chat endpoints, whose errors arrive after the headers, as an event. Unknown errors are a generic 500;
 * messages lose any file-system path on the way out.
 */
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

/** 503s that are the service working as designed (shedding load, starting up): logged as warnings, not failures. */
const EXPECTED = new Set(['INDEX_NOT_READY', 'SERVER_BUSY']);

export interface PublicError {
  status: number;
  body: ErrorBody;
  /** The error for the request's log line; absent for client errors and the 503s that are expected. */
  log?: Error;
}

export interface PublicErrorOptions {
  /** Folders whose paths must not reach clients (index, corpus, cache, project). */
  knownDirs?: readonly string[];
  /** Who failed, named in the message of an unknown error: "chat" → "chat: internal error". */
  where?: string;
}

export function toPublicError(err: unknown, options: PublicErrorOptions = {}): PublicError {
  const appError =
    (isAppError(err) ? err : null) ?? (err instanceof Error ? fromHttpError(err as HttpishError & Error) : null);
  const asError = err instanceof Error ? err : new Error(String(err));
  if (!appError) {
    const body = errorBody(new AppError('INTERNAL', `${options.where ?? 'server'}: internal error`));
    return { status: 500, body, log: asError };
  }
  const failed = appError.status >= 500 && !EXPECTED.has(appError.code);
  return {
    status: appError.status,
    body: publicErrorBody(appError, options.knownDirs),
    ...(failed ? { log: asError } : {}),
  };
}
