/**
 * @module server/http/evaluator-schemas
 * Request schemas (zod) of the endpoints for evaluators and policy writers: GET /api/units and
 * POST /api/export. Kept apart from schemas.ts so that each group of endpoints owns its schemas; the limits
 * are the shared ones.
 */
import { z } from 'zod';
import { documentIdParams, LIMITS } from './schemas.js';

export const unitsQuery = z.object({
  document: documentIdParams.shape.id.optional(),
});

export const EXPORT_FORMATS = ['markdown', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A citation as /api/chat returns it; what export does not read (the unit's text…) is accepted and ignored. */
export const exportCitationSchema = z.object({
  n: z.number().int().min(1).max(10_000),
  id: z.string().min(1).max(200),
  quote: z.string().max(10_000).optional(),
  reference: z.string().trim().min(1).max(1_000).optional(),
  url: z.string().max(2_000).optional(),
  link: z
    .url({ protocol: /^https?$/ })
    .max(2_000)
    .optional(),
});

export const exportSchema = z.object({
  format: z.enum(EXPORT_FORMATS).optional(),
  question: z.string().trim().max(LIMITS.questionChars).optional(),
  answer: z.string().max(50_000),
  citations: z.array(exportCitationSchema).max(200),
});

export type ExportRequest = z.infer<typeof exportSchema>;
export type ExportCitation = z.infer<typeof exportCitationSchema>;
