/**
 * @module server/routes/health
 * GET /healthz: ok once the index is loaded, with what is in service; `llm` is "configured" exactly when the
 * answerer would call a chat model; `redis` is "off" without REDIS_URL, else whether the shared store is
 * reachable now. A replica whose Redis is down still serves (limits fail open), so it stays 200.
 */
import { Router } from 'express';
import { isLlmConfigured } from '../answer/llm/configured.js';
import { methodNotAllowed } from '../http/method.js';
import type { Services } from '../services.js';
import type { RedisLink } from '../shared/redis.js';
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
  /** The shared store of replicas (REDIS_URL): "off" when not configured. */
  redis: 'off' | 'up' | 'down';
}

export function healthRoutes(services: Services, redis?: RedisLink): Router {
  const router = Router();
  const { manifest } = services.index;
  const body: Omit<HealthReply, 'redis'> = {
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
    .get((_req, res) => void res.json({ ...body, redis: redis ? redis.state() : 'off' } satisfies HealthReply))
    .all(methodNotAllowed(['GET']));
  return router;
}
