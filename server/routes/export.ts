/**
 * @module server/routes/export
 * POST /api/export `{ format?: "markdown" | "docx", question?, answer, citations }` (an answer as /api/chat
 * returns it) → the answer with one footnote per citation (reference, quote, link), as Markdown
 * (`answer.md`) or as a Word document (`answer.docx`). A citation without `reference` gets the one its unit
 * has in the loaded corpus; without `link`, the one PUBLIC_URL gives it (if set).
 */
import { Router } from 'express';
import { unitUrl } from '../answer/citation.js';
import { citationReference } from '../answer/reference.js';
import type { Catalogue } from '../catalogue.js';
import { RequestError } from '../../core/errors.js';
import { jsonBody } from '../http/body.js';
import { exportSchema, type ExportCitation } from '../http/evaluator-schemas.js';
import { methodNotAllowed } from '../http/method.js';
import { parseBody } from '../http/schemas.js';
import { toDocx } from '../export/docx.js';
import { footnoteAnswer, type FootnoteSource } from '../export/footnotes.js';
import { toMarkdown } from '../export/markdown.js';
import type { Services } from '../services.js';
import { absoluteLink, publishContext } from './publish.js';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function sourceOf(c: ExportCitation, i: number, catalogue: Catalogue, publicUrl: string | undefined): FootnoteSource {
  const unit = catalogue.findUnit(c.id);
  const reference = c.reference ?? (unit && citationReference(catalogue.meta(unit.documentId), unit));
  if (!reference) {
    throw new RequestError(
      'INVALID_REQUEST',
      `export: citations.${i}.id: no unit "${c.id.slice(0, 200)}" in the corpus, and no reference given`,
    );
  }
  const url = c.url ?? (unit ? unitUrl(unit.documentId, unit.id) : undefined);
  const link = c.link ?? (url ? absoluteLink(publicUrl, url) : undefined);
  return { n: c.n, reference, quote: c.quote ?? '', ...(link ? { link } : {}) };
}

export function exportRoutes(services: Services): Router {
  const { catalogue } = services;
  const { publicUrl } = publishContext(services);
  const router = Router();
  router
    .route('/api/export')
    .post(jsonBody, async (req, res) => {
      const body = parseBody(exportSchema, req.body);
      const sources = body.citations.map((c, i) => sourceOf(c, i, catalogue, publicUrl));
      const footnoted = footnoteAnswer(body.answer, sources, body.question || undefined);
      if ((body.format ?? 'markdown') === 'docx') {
        const file = await toDocx(footnoted);
        res.attachment('answer.docx').type(DOCX_TYPE).send(file);
        return;
      }
      res.attachment('answer.md').type('text/markdown; charset=utf-8').send(toMarkdown(footnoted));
    })
    .all(methodNotAllowed(['POST']));
  return router;
}
