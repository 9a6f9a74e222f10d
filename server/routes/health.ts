/**
 * @module server/routes/health
 * GET /healthz: ok once the index is loaded, with what is in service; `llm` is "configured" exactly when the
 * answerer would call a chat model.
 */
import { Router } from 'express';
import { isLlmConfigured } from '../answer/llm/configured.js';
import { methodNotAllowed } from '../http/method.js';
import type { Services } from '../services.js';
import { publishContext } from './publish.js';

export interface HealthReply {
  status: 'ok';
  documents: number;
  units: number;
  embedder: string;
  builtAt: string;
  /** The index in service (its corpus fingerprint), as every reply names it. */
  indexBuild: string;
  llm: 'configured' | 'off';
}

export function healthRoutes(services: Services): Router {
  const router = Router();
  const { manifest } = services.index;
  const body: HealthReply = {
    status: 'ok',
    documents: manifest.documents.length,
    units: manifest.unitCount,
    embedder: manifest.embedder.id,
    builtAt: manifest.builtAt,
    indexBuild: publishContext(services).indexBuild,
    // The answerer's own test: a key, or a base URL of a server that needs none.
    llm: isLlmConfigured(services.config) ? 'configured' : 'off',
  };
  router
    .route('/healthz')
    .get((_req, res) => void res.json(body))
    .all(methodNotAllowed(['GET']));
  return router;
}
