/**
 * @module server/routes/extra
 * Routes added by later features (verify, OpenAI-compatible endpoint) register here.
 */
import { Router } from 'express';
import type { Services } from '../services.js';
import { openaiCompatRoutes } from './openai-compat.js';
import { verifyRoutes } from './verify.js';

export function extraRoutes(services: Services): Router {
  const router = Router();
  router.use(verifyRoutes(services));
  router.use(openaiCompatRoutes(services));
  return router;
}
