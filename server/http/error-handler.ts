/**
 * @module server/http/error-handler
 * The one place errors become HTTP responses: `{ "error": { "code", "message" } }` with the error's status.
 * Unknown errors are logged with their stack and answered with a generic 500 (no stack or path leaks).
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, errorBody, isAppError, RequestError } from '../errors.js';

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
      return new RequestError('PAYLOAD_TOO_LARGE', 'request: body is larger than the 64 KB limit');
    case 'entity.parse.failed':
      return new RequestError('INVALID_REQUEST', 'request: body is not valid JSON');
    case 'entity.verify.failed':
      return new RequestError('INVALID_REQUEST', err.message || 'request: invalid body');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new RequestError('UNSUPPORTED_MEDIA_TYPE', 'request: only UTF-8 JSON bodies are accepted');
    default:
      break;
  }
  if (status === 413) return new RequestError('PAYLOAD_TOO_LARGE', 'request: body too large');
  if (status === 415) return new RequestError('UNSUPPORTED_MEDIA_TYPE', 'request: unsupported media type');
  // Errors thrown from our own body verification carry their message for the client.
  return new RequestError('INVALID_REQUEST', err.expose && err.message ? err.message : 'request: invalid request');
}

export function errorHandler(onUnexpected: (err: unknown) => void): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const appError =
      (isAppError(err) ? err : null) ?? (err instanceof Error ? fromHttpError(err as HttpishError & Error) : null);
    if (appError) {
      if (appError.status >= 500) onUnexpected(err);
      res.status(appError.status).json(errorBody(appError));
      return;
    }
    onUnexpected(err);
    res.status(500).json({ error: { code: 'INTERNAL', message: 'server: internal error' } });
  };
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new RequestError('NOT_FOUND', `route: no route for ${req.method} ${req.path.slice(0, 200)}`));
};
