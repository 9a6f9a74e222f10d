/**
 * @module server/routes/verify
 * POST /api/verify: checks an answer's citations against the loaded corpus (see server/verify/verify-citations.ts).
 */
import { Router } from 'express';
import type { Catalogue } from '../catalogue.js';
import { jsonBody } from '../http/body.js';
import { methodNotAllowed } from '../http/method.js';
import { parseBody, verifySchema } from '../http/schemas.js';
import type { Services } from '../services.js';
import { foldedSource, verifyCitations, type UnitSource } from '../verify/verify-citations.js';

/** The catalogue as a unit source, every unit in reading order document by document. */
export function catalogueSource(catalogue: Catalogue): UnitSource {
  return {
    findUnit: (id) => catalogue.findUnit(id),
    *units() {
      for (const d of catalogue.documents()) yield* catalogue.document(d.id).units;
    },
  };
}

export function verifyRoutes({ catalogue }: Services): Router {
  // The index is read-only while served, so the corpus is folded once, on the first request that needs it.
  const source = foldedSource(catalogueSource(catalogue));
  const router = Router();
  router
    .route('/api/verify')
    .post(jsonBody, (req, res) => {
      res.json(verifyCitations(parseBody(verifySchema, req.body), source));
    })
    .all(methodNotAllowed(['POST']));
  return router;
}
