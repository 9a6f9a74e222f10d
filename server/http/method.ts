/**
 * @module server/http/method
 * 405 for a known path asked with the wrong method, with an Allow header.
 */
import type { RequestHandler } from 'express';
import { RequestError } from '../../core/errors.js';

export function methodNotAllowed(allowed: string[]): RequestHandler {
  return (req, res, next) => {
    res.setHeader('Allow', allowed.join(', '));
    next(
      new RequestError('METHOD_NOT_ALLOWED', `route: ${req.method} is not allowed here; use ${allowed.join(' or ')}`),
    );
  };
}
