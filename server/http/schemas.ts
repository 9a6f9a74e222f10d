/**
 * @module server/http/schemas
 * Request schemas for every endpoint (zod). Limits live here, in one place.
 */
import { z } from 'zod';
import { RequestError } from '../../core/errors.js';

export const LIMITS = {
  questionChars: 2000,
  historyTurns: 20,
  turnChars: 8000,
  k: { min: 1, max: 50 },
  documents: 20,
} as const;

const documentIds = z.array(z.string().min(1).max(100)).max(LIMITS.documents);

// Ids are slugs ("prague-1997", "prague-1997:clause-f.4"). Checking the shape first refuses "../../x",
// control characters and megabyte-long ids before any lookup.
const idShape = /^[a-z0-9][\w.:-]*$/i;

export const documentIdParams = z.object({
  id: z.string().max(100).regex(idShape, 'must be a document id like "prague-1997"'),
});

export const passageIdParams = z.object({
  id: z.string().max(200).regex(idShape, 'must be a passage id like "prague-1997:rec-18"'),
});

export const searchSchema = z.object({
  query: z.string().trim().min(1, 'query must not be empty').max(LIMITS.questionChars),
  k: z.number().int().min(LIMITS.k.min).max(LIMITS.k.max).optional(),
  documents: documentIds.optional(),
});

export const chatTurnSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string().max(LIMITS.turnChars),
});

export const chatSchema = z.object({
  question: z.string().trim().min(1, 'question must not be empty').max(LIMITS.questionChars),
  history: z.array(chatTurnSchema).max(LIMITS.historyTurns).optional(),
  documents: documentIds.optional(),
  mode: z.enum(['auto', 'llm', 'extractive']).optional(),
});

export const verifySchema = z.object({
  answer: z.string().max(50_000).optional(),
  citations: z
    .array(
      z.object({
        id: z.string().min(1).max(200),
        quote: z.string().max(10_000).optional(),
        n: z.number().int().min(0).max(10_000).optional(),
      }),
    )
    .max(200),
});

// The OpenAI chat-completions request, as far as this service reads it; other fields (temperature, tools…)
// are accepted and ignored so that stock OpenAI clients work unchanged.
const openaiContent = z.union([
  z.string().max(LIMITS.turnChars * 4),
  z
    .array(
      z.object({
        type: z.string().max(50),
        text: z
          .string()
          .max(LIMITS.turnChars * 4)
          .optional(),
      }),
    )
    .max(50),
  z.null(),
]);

export const openaiChatSchema = z.object({
  model: z.string().max(200).optional(),
  messages: z
    .array(
      z.object({
        role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
        content: openaiContent.optional(),
      }),
    )
    .min(1, 'messages must not be empty')
    .max(500),
  stream: z.boolean().nullable().optional(),
  stream_options: z.object({ include_usage: z.boolean().nullable().optional() }).nullable().optional(),
  n: z.literal(1, 'only one choice is produced').nullable().optional(),
  // Extensions: restrict to documents, or pick the answer mode without a model name.
  documents: documentIds.optional(),
  mode: z.enum(['auto', 'llm', 'extractive']).optional(),
});

/** Parses route parameters with a schema; a failure becomes a 400 naming the parameter. */
export function parseParams<T extends z.ZodType>(schema: T, params: unknown): z.infer<T> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new RequestError('INVALID_REQUEST', `request: ${issue.path.join('.') || 'path'}: ${issue.message}`);
}

/** Parses a body with a schema; a failure becomes a 400 naming the first offending field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue.path.length ? issue.path.join('.') : 'body';
  throw new RequestError('INVALID_REQUEST', `request: ${where}: ${issue.message}`);
}
