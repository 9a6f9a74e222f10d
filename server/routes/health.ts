/**
 * @module server/routes/health
 * GET /healthz: ok once the index is loaded, with what is in service; `llm` is "configured" exactly when the
 * answerer would call a chat model.
 */
import { Router } from 'express';
import { isLlmConfigured } from '../answer/llm/configured.js';
import { methodNotAllowed } from '../http/method.js';
import type { Services } from '../services.js';

export function healthRoutes(services: Services): Router {
  const router = Router();
  const { manifest } = services.index;
  const body = {
    status: 'ok',
    documents: manifest.documents.length,
    units: manifest.unitCount,
    embedder: manifest.embedder.id,
    builtAt: manifest.builtAt,
    // The answerer's own test: a key, or a base URL of a server that needs none.
    llm: isLlmConfigured(services.config) ? 'configured' : 'off',
  };
  router
    .route('/healthz')
    .get((_req, res) => void res.json(body))
    .all(methodNotAllowed(['GET']));
  return router;
}
