/**
 * @module server/routes/units
 * GET /api/units[?document=id]: every unit's id, document, label, kind, section and page in reading order,
 * document by document, in one call, so that a test suite can check the ids it cites without fetching each
 * document. Texts are left out (GET /api/documents/:id has them).
 */
import { Router } from 'express';
import { unitsQuery } from '../http/evaluator-schemas.js';
import { methodNotAllowed } from '../http/method.js';
import { parseParams } from '../http/schemas.js';
import type { Catalogue } from '../catalogue.js';
import type { Services } from '../services.js';
import { publishContext } from './publish.js';

export interface UnitSummary {
  id: string;
  documentId: string;
  label: string;
  kind: string;
  section: string;
  page: number | null;
}

export interface UnitsReply {
  units: UnitSummary[];
  indexBuild: string;
}

function unitsOf(catalogue: Catalogue, documentId: string): UnitSummary[] {
  return catalogue
    .document(documentId)
    .units.map(({ id, label, kind, section, page }) => ({ id, documentId, label, kind, section, page }));
}

export function unitRoutes(services: Services): Router {
  const { catalogue } = services;
  const { indexBuild } = publishContext(services);
  // The index does not change while it is served: the list is built once, when first asked.
  let all: UnitSummary[] | undefined;
  const router = Router();
  router
    .route('/api/units')
    .get((req, res) => {
      const { document } = parseParams(unitsQuery, req.query);
      // An unknown id is a 400 naming it, as in the `documents` of /api/search.
      if (document !== undefined) catalogue.assertKnownDocuments([document]);
      all ??= catalogue.documents().flatMap((d) => unitsOf(catalogue, d.id));
      const units = document === undefined ? all : all.filter((u) => u.documentId === document);
      const body: UnitsReply = { units, indexBuild };
      res.json(body);
    })
    .all(methodNotAllowed(['GET']));
  return router;
}
