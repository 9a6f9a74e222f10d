/**
 * @module server/routes/documents
 * GET /api/documents, GET /api/documents/:id (with its units in reading order), GET /api/passages/:id.
 * Ids are checked for shape before lookup: a malformed one ("../../package.json") is a 400, an unknown one
 * a 404; neither ever reaches the file system, which the catalogue never touches.
 */
import { Router } from 'express';
import { toPublicUnit } from '../catalogue.js';
import { methodNotAllowed } from '../http/method.js';
import { documentIdParams, parseParams, passageIdParams } from '../http/schemas.js';
import type { Services } from '../services.js';

export function documentRoutes({ catalogue }: Services): Router {
  const router = Router();
  router
    .route('/api/documents')
    .get((_req, res) => void res.json({ documents: catalogue.documents() }))
    .all(methodNotAllowed(['GET']));
  router
    .route('/api/documents/:id')
    .get((req, res) => void res.json(catalogue.document(parseParams(documentIdParams, req.params).id)))
    .all(methodNotAllowed(['GET']));
  router
    .route('/api/passages/:id')
    .get((req, res) => {
      const unit = catalogue.unit(parseParams(passageIdParams, req.params).id);
      const meta = catalogue.meta(unit.documentId);
      res.json({ ...toPublicUnit(unit), documentId: unit.documentId, documentTitle: meta.title });
    })
    .all(methodNotAllowed(['GET']));
  return router;
}
