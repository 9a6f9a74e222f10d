/**
 * @module server/http/logging
 * Structured logs: one pino logger per process, and one line per request (pino-http) with a request id,
 * method, URL, status and response time — no headers, no bodies. Configured secrets are masked in every
 * line as it is written, whatever the code that logged it put in.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { Config } from '../../core/config.js';
import { maskSecrets, secretsOf } from './redact.js';

/** The process logger. `destination` lets tests capture the lines; stdout otherwise. */
export function createLogger(config: Config, destination?: DestinationStream): Logger {
  const secrets = secretsOf(config);
  return pino(
    {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', '*.apiKey', 'apiKey'], censor: '[redacted]' },
      hooks: secrets.length ? { streamWrite: (line) => maskSecrets(line, secrets) } : {},
    },
    destination,
  );
}

// Echoing a caller's id lets them correlate logs; only a short token of safe characters is taken as is.
const REQUEST_ID = /^[\w.:-]{1,64}$/;

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * Request ids without request logs, for LOG_LEVEL=silent: pino-http builds a child logger, serialisers and a
 * log object per request even when nothing is written (~4 % of a request's CPU under load).
 */
export function requestIds(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  (req as IncomingMessage & { id?: string }).id = requestId(req, res);
  next();
}

/** A 5xx the service chose (no failure recorded on the response; pino-http's own "failed with status code"). */
function isRefusal(res: ServerResponse, err: Error): boolean {
  return !(res as { err?: unknown }).err && err.message.startsWith('failed with status code');
}

export function requestLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestId,
    // A failure is an error; a 503 without one is load shedding or start-up (warn); 4xx are the client's
    // business and would drown the log under an evaluator's bad-input suite if they were warnings.
    customLogLevel: (_req, res, err) =>
      err || (res as { err?: unknown }).err ? 'error' : res.statusCode >= 500 ? 'warn' : 'info',
    // For a 5xx without a failure behind it (load shedding, start-up) pino-http invents an Error whose stack
    // points into its own code; the status says all there is to say.
    customErrorObject: (_req, res, err, value: Record<string, unknown>) => {
      if (!isRefusal(res, err)) return value;
      const rest = { ...value };
      delete rest.err;
      return rest;
    },
    customErrorMessage: (_req, res, err) => (isRefusal(res, err) ? 'request refused' : 'request failed'),
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url.slice(0, 300),
      }),
      // Status only: the response headers (CSP, rate-limit…) are the same on every line and only noise.
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
