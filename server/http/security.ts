/**
 * @module server/http/security
 * Security headers (helmet) with a Content-Security-Policy that allows only the page's own script and
 * styles, CORS only for configured origins, no caching of API answers, and per-client rate limiting.
 */
import type { RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import helmet from 'helmet';
import type { Config } from '../../core/config.js';
import { RequestError } from '../../core/errors.js';
import { rateLimitLogger } from './rate-limit-store.js';

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
}

/** CORS off unless CORS_ORIGINS names origins; then only those, for the API. */
export function cors(config: Config): RequestHandler {
  const allowed = new Set(config.corsOrigins);
  if (allowed.size === 0) return (_req, _res, next) => next();
  const any = allowed.has('*');
  return (req, res, next) => {
    // Answers differ by Origin once CORS is on, so caches must key on it even when the origin is refused.
    if (!any) res.vary('Origin');
    const origin = req.get('origin');
    if (origin && (any || allowed.has(origin))) {
      res.setHeader('Access-Control-Allow-Origin', any ? '*' : origin);
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Accept, X-Request-Id');
      res.setHeader('Access-Control-Max-Age', '600');
      if (req.method === 'OPTIONS') {
        res.status(204).end();
        return;
      }
    }
    next();
  };
}

/** API answers depend on the index in service and the question; no shared cache should keep them. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/**
 * Per-client limit. `store`: a shared count (Redis) for replicas, instead of this process's memory; while it
 * cannot be reached requests are let through rather than refused (fail open).
 */
export function rateLimiter(config: Config, store?: Store): RequestHandler {
  if (config.rateLimitPerMinute === 0) return (_req, _res, next) => next();
  return rateLimit({
    ...(store ? { store, passOnStoreError: true, logger: rateLimitLogger } : {}),
    windowMs: 60_000,
    limit: config.rateLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Keyed on req.ip (the socket address unless TRUST_PROXY says otherwise); the library's start-up
    // checks would print a warning for every proxy header a client happens to send.
    validate: { xForwardedForHeader: false, forwardedHeader: false },
    handler: (_req, _res, next) => {
      next(
        new RequestError(
          'RATE_LIMITED',
          `rate limit: more than ${config.rateLimitPerMinute} requests a minute; retry later`,
        ),
      );
    },
  });
}
