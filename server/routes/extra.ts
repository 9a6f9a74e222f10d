/**
 * @module server/routes/extra
 * Routes added by later features (verify, units, export, OpenAI-compatible endpoint, OpenAPI description)
 * register here.
 */
import { Router } from 'express';
import type { Services } from '../services.js';
import { exportRoutes } from './export.js';
import { openaiCompatRoutes } from './openai-compat.js';
import { openApiRoutes } from './openapi.js';
import { unitRoutes } from './units.js';
import { verifyRoutes } from './verify.js';

export function extraRoutes(services: Services): Router {
  const router = Router();
  router.use(verifyRoutes(services));
  router.use(unitRoutes(services));
  router.use(exportRoutes(services));
  router.use(openaiCompatRoutes(services));
  router.use(openApiRoutes(services));
  return router;
}
