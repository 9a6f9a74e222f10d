/**
 * @module server/routes/openapi
 * GET /openapi.json: the OpenAPI 3.1 description of every endpoint (server/openapi/document.ts), built once,
 * on the first request.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { methodNotAllowed } from '../http/method.js';
import { openApiDocument } from '../openapi/document.js';
import type { Services } from '../services.js';

function packageVersion(rootDir: string): string {
  try {
    const { version } = JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function openApiRoutes({ config }: Services): Router {
  let document: ReturnType<typeof openApiDocument> | undefined;
  const router = Router();
  router
    .route('/openapi.json')
    .get((_req, res) => {
      document ??= openApiDocument({ version: packageVersion(config.rootDir), publicUrl: config.publicUrl });
      res.json(document);
    })
    .all(methodNotAllowed(['GET']));
  return router;
}
