/**
 * @module server/app
 * The Express application: security and logging middleware, the API routes, the web page, and the one
 * error handler. No I/O at construction; `createApp(services)` is what tests drive with supertest.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { errorHandler, notFound } from './http/error-handler.js';
import { cors, rateLimiter, securityHeaders } from './http/security.js';
import { chatRoutes } from './routes/chat.js';
import { documentRoutes } from './routes/documents.js';
import { healthRoutes } from './routes/health.js';
import { searchRoutes } from './routes/search.js';
import type { Services } from './services.js';
import { extraRoutes } from './routes/extra.js';

export interface AppOptions {
  logger?: Logger;
}

export function createApp(services: Services, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('etag', false);
  if (options.logger) {
    app.use(
      pinoHttp({
        logger: options.logger,
        genReqId: (req, res) => {
          const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || crypto.randomUUID();
          res.setHeader('X-Request-Id', id);
          return id;
        },
        // Bodies and auth headers are never logged.
        serializers: {
          req: (req: { id: unknown; method: string; url: string }) => ({
            id: req.id,
            method: req.method,
            url: req.url,
          }),
        },
      }),
    );
  }
  app.use(securityHeaders());
  app.use(cors(services.config));
  app.use(healthRoutes(services));
  app.use(['/api', '/v1'], rateLimiter(services.config));
  app.use(documentRoutes(services));
  app.use(searchRoutes(services));
  app.use(chatRoutes(services));
  app.use(extraRoutes(services));

  const webDir = path.join(services.config.rootDir, 'dist', 'web');
  if (existsSync(webDir)) {
    app.use(express.static(webDir, { index: 'index.html', maxAge: '1h' }));
    app.get(['/documents', '/documents/*splat'], (_req, res) => res.sendFile(path.join(webDir, 'index.html')));
  }
  app.use(notFound);
  app.use(
    errorHandler((err) => {
      options.logger?.error({ err }, 'request failed');
    }),
  );
  return app;
}
