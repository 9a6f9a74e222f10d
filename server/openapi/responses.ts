/**
 * @module server/openapi/responses
 * The replies of every endpoint as zod schemas, for the OpenAPI description only (replies are built by the
 * code, not parsed). They describe the TypeScript contracts (server/answer/types.ts, server/catalogue.ts…);
 * tests check that the real types fit them and that live replies parse. Objects are not closed: a client
 * must expect fields to be added.
 */
import { z } from 'zod';

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().meta({ description: 'INVALID_REQUEST, NOT_FOUND, INDEX_NOT_READY, SERVER_BUSY, …' }),
    message: z.string().meta({ description: 'Names the module and the value at fault' }),
  }),
});

const indexBuild = z.string().meta({
  description: 'The index that answered: its corpus fingerprint. Re-verify a stored answer against the same one.',
});

export const healthSchema = z.object({
  status: z.literal('ok'),
  documents: z.number().int(),
  units: z.number().int(),
  embedder: z.string(),
  builtAt: z.string(),
  indexBuild,
  llm: z.enum(['configured', 'off']),
  redis: z.enum(['off', 'up', 'down']).meta({
    description: 'The store replicas share (REDIS_URL): off when not configured; down means limits fail open.',
  }),
});

export const documentSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  shortTitle: z.string(),
  date: z.string().nullable().meta({ description: 'ISO date, where the text states it' }),
  year: z.number().int().nullable().meta({
    description: 'The year of `date`, or where the text gives none, the year another document of the corpus states',
  }),
  dateSource: z.string().nullable().meta({ description: 'Where the date or year comes from' }),
  place: z.string().nullable(),
  kind: z.string(),
  aliases: z.array(z.string()),
  unitCount: z.number().int(),
});

export const documentListSchema = z.object({ documents: z.array(documentSummarySchema) });

export const publicUnitSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.string(),
  number: z.union([z.number(), z.string()]).nullable(),
  section: z.string(),
  text: z.string(),
  page: z.number().int().nullable(),
});

export const documentWithUnitsSchema = documentSummarySchema.extend({ units: z.array(publicUnitSchema) });

export const passageSchema = publicUnitSchema.extend({ documentId: z.string(), documentTitle: z.string() });

export const unitSummarySchema = z.object({
  id: z.string(),
  documentId: z.string(),
  label: z.string(),
  kind: z.string(),
  section: z.string(),
  page: z.number().int().nullable(),
});

export const unitsReplySchema = z.object({ units: z.array(unitSummarySchema), indexBuild });

export const searchReplySchema = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      documentId: z.string(),
      documentTitle: z.string(),
      label: z.string(),
      section: z.string(),
      text: z.string(),
      page: z.number().int().nullable(),
      score: z.number(),
    }),
  ),
  scope: z.array(z.string()).nullable(),
  corrections: z.array(z.object({ from: z.string(), to: z.string() })),
  indexBuild,
});

export const citationSchema = z.object({
  n: z.number().int().meta({ description: 'The [n] marker in the answer' }),
  id: z.string(),
  documentId: z.string(),
  documentTitle: z.string(),
  label: z.string(),
  section: z.string(),
  quote: z.string().meta({ description: 'Verbatim excerpt of `text`' }),
  text: z.string().meta({ description: 'The whole unit' }),
  page: z.number().int().nullable(),
  url: z.string().meta({ description: 'Link into the document view, e.g. /documents/prague-1997#rec-18' }),
  reference: z.string().meta({
    description: 'The citation in policy form: "Prague 1997 Recommendations (14 Oct 1997), Recommendation 18"',
  }),
  link: z.string().optional().meta({ description: 'PUBLIC_URL + url; only when PUBLIC_URL is set' }),
  valid: z.boolean(),
  problem: z.string().optional(),
});

export const closestMatchSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  documentTitle: z.string(),
  label: z.string(),
  text: z.string(),
  url: z.string(),
  score: z.number(),
});

export const answerFlagSchema = z.object({
  code: z.enum(['QUOTE_NOT_IN_SOURCE', 'UNIT_NOT_CITED', 'WEAK_SUPPORT', 'SPECIFIC_NOT_STATED']),
  text: z.string(),
  reason: z.string(),
  citations: z.array(z.number().int()),
});

export const chatReplySchema = z.object({
  answer: z.string(),
  citations: z.array(citationSchema),
  grounded: z.boolean().meta({ description: 'false: the documents do not answer; see closestMatches' }),
  mode: z.enum(['llm', 'extractive']),
  notice: z.string().optional(),
  closestMatches: z.array(closestMatchSchema).optional(),
  unsupported: z.array(z.string()).optional(),
  flags: z.array(answerFlagSchema).optional(),
  standaloneQuestion: z.string().optional(),
  indexBuild: indexBuild.optional(),
});

export const verifyReplySchema = z.object({
  valid: z.boolean(),
  citations: z.array(
    z.object({
      id: z.string(),
      exists: z.boolean(),
      quoteFound: z.boolean(),
      reason: z.string().optional(),
    }),
  ),
  unmatchedMarkers: z.array(z.number().int()).optional(),
});

export const modelSchema = z.object({
  id: z.string(),
  object: z.literal('model'),
  created: z.number().int(),
  owned_by: z.string(),
});

export const modelListSchema = z.object({ object: z.literal('list'), data: z.array(modelSchema) });

/** The part of a chat completion this service defines; the rest follows OpenAI's chat-completions reply. */
export const chatCompletionSchema = z.object({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number().int(),
      message: z.object({ role: z.literal('assistant'), content: z.string() }),
      finish_reason: z.string(),
    }),
  ),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() }),
  citations: z.array(citationSchema),
  grounded: z.boolean(),
  mode: z.enum(['llm', 'extractive']),
  indexBuild: indexBuild.optional(),
});
