/**
 * @module server/routes/search
 * POST /api/search: `{ query, k?, documents? }` → `{ results: [...], scope, corrections }` (whole units, best
 * first; the documents searched; misspelt words read as the documents' own).
 */
import { Router } from 'express';
import { jsonBody } from '../http/body.js';
import { methodNotAllowed } from '../http/method.js';
import { parseBody, searchSchema } from '../http/schemas.js';
import type { Services } from '../services.js';
import { publishContext } from './publish.js';

export function searchRoutes(services: Services): Router {
  const { catalogue, retriever } = services;
  const { indexBuild } = publishContext(services);
  const router = Router();
  router
    .route('/api/search')
    .post(jsonBody, async (req, res) => {
      const body = parseBody(searchSchema, req.body);
      catalogue.assertKnownDocuments(body.documents);
      const result = await retriever.search(body);
      res.json({
        results: result.hits.map((h) => ({
          id: h.unit.id,
          documentId: h.unit.documentId,
          documentTitle: h.document.title,
          label: h.unit.label,
          section: h.unit.section,
          text: h.unit.text,
          page: h.unit.page,
          score: Number(h.score.toFixed(4)),
        })),
        scope: result.scope,
        corrections: result.corrections,
        indexBuild,
      });
    })
    .all(methodNotAllowed(['POST']));
  return router;
}
