/**
 * @module server/app
 * The Express applications: security and logging middleware, the API routes, the web page, and the one
 * error handler. `createApp(services)` is the service itself (what tests drive); `createNotReadyApp` is
 * what answers while no index is in service: the page, and 503 INDEX_NOT_READY for the API and /healthz.
 * No I/O at construction.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../core/config.js';
import { IndexError } from '../core/errors.js';
import { admission } from './http/admission.js';
import { BODY_TIMEOUT_SETTING } from './http/body.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { requestIds, requestLogger } from './http/logging.js';
import { configDirs, maskSecretsInResponses, secretsOf } from './http/redact.js';
import { cors, noStore, rateLimiter, securityHeaders } from './http/security.js';
import { chatRoutes } from './routes/chat.js';
import { documentRoutes } from './routes/documents.js';
import { healthRoutes } from './routes/health.js';
import { openaiCompatRoutes } from './routes/openai-compat.js';
import { searchRoutes } from './routes/search.js';
import { verifyRoutes } from './routes/verify.js';
import { exportRoutes } from './routes/export.js';
import { openApiRoutes } from './routes/openapi.js';
import { unitRoutes } from './routes/units.js';
import type { Services } from './services.js';
import { createAnswerCache } from './cache/answer-cache.js';
import { memoryAnswerStore, redisAnswerStore } from './cache/answer-store.js';
import { SharedRateLimitStore } from './http/rate-limit-store.js';
import type { RedisLink } from './shared/redis.js';

export interface AppOptions {
  logger?: Logger;
  /** Redis shared by replicas (REDIS_URL): rate limits and the answer cache then live there, not in this process. */
  redis?: RedisLink;
}

const API = ['/api', '/v1'];
/** The endpoints that write answers (and may wait on the LLM). */
const ANSWERING = ['/api/chat', '/v1/chat/completions'];

/** What every app starts with: request logs, secret masking, security headers, CORS. */
function baseApp(config: Config, options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('etag', false);
  app.set(BODY_TIMEOUT_SETTING, config.bodyTimeoutMs);
  if (options.logger) app.use(options.logger.level === 'silent' ? requestIds : requestLogger(options.logger));
  app.use(maskSecretsInResponses(secretsOf(config)));
  app.use(securityHeaders());
  app.use(cors(config));
  app.use([...API, '/healthz'], noStore);
  return app;
}

/** What every app ends with: the web page, 404 for anything else, and the error handler. */
function finishApp(app: Express, config: Config): Express {
  const webDir = path.join(config.rootDir, 'dist', 'web');
  if (existsSync(webDir)) {
    // Source maps show the page's source to anyone; only a developer's server (NODE_ENV=development) serves them.
    if (!config.development) {
      app.use((req, res, next) => (req.path.endsWith('.map') ? notFound(req, res, next) : next()));
    }
    app.use(express.static(webDir, { index: 'index.html', maxAge: '1h' }));
    app.get(['/documents', '/documents/*splat'], (_req, res) => res.sendFile(path.join(webDir, 'index.html')));
  }
  app.use(notFound);
  // Failures are logged on the request's own log line (res.err), when there is a request logger.
  app.use(errorHandler({ knownDirs: configDirs(config) }));
  return app;
}

export function createApp(services: Services, options: AppOptions = {}): Express {
  const { config } = services;
  const { redis } = options;
  const app = baseApp(config, options);
  const answers = createAnswerCache(
    config,
    services.index.manifest.corpusFingerprint,
    redis ? redisAnswerStore(redis, config.answerCache) : memoryAnswerStore(config.answerCache),
  );
  app.use(healthRoutes(services, redis));
  app.use(API, rateLimiter(config, redis && new SharedRateLimitStore(redis)));
  app.use(ANSWERING, admission(config.chatMaxInFlight));
  app.use(documentRoutes(services));
  app.use(searchRoutes(services));
  app.use(chatRoutes(services, answers));
  app.use(verifyRoutes(services));
  app.use(unitRoutes(services));
  app.use(exportRoutes(services));
  app.use(openaiCompatRoutes(services, answers));
  app.use(openApiRoutes(services));
  return finishApp(app, config);
}

/**
 * The app while no index is in service. `reason` is read per request, so the message follows the
 * start-up as it goes (building, loading, damaged index…). It never names a file-system path.
 */
export function createNotReadyApp(config: Config, reason: () => string, options: AppOptions = {}): Express {
  const app = baseApp(config, options);
  const retryAfter = String(Math.max(1, Math.ceil(config.indexPollMs / 1000)));
  // The error handler takes file-system paths out of the message (toPublicError).
  app.use([...API, '/healthz'], (_req, res, next) => {
    res.setHeader('Retry-After', retryAfter);
    next(new IndexError('INDEX_NOT_READY', reason()));
  });
  return finishApp(app, config);
}
