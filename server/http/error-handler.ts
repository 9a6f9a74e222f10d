/**
 * @module server/http/error-handler
 * Express's error handler: every error a route throws becomes its public form (public-error.ts), and the
 * log line keeps the whole error, stack and paths included.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { RequestError } from '../../core/errors.js';
import { toPublicError } from './public-error.js';

/** Marks the error for the request log line (pino-http logs `res.err` at error level, stack and all). */
export function recordForLog(res: Response, err: unknown): void {
  res.err = err instanceof Error ? err : new Error(String(err));
}

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
    const { status, body, log } = toPublicError(err, { knownDirs: dirs });
    if (log) recordForLog(res, log);
    res.status(status).json(body);
  };
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new RequestError('NOT_FOUND', `route: no route for ${req.method} ${req.path.slice(0, 200)}`));
};
