/**
 * @module server/openapi/document
 * The OpenAPI 3.1 description of the service, generated from the operations table
 * (server/openapi/operations.ts): request bodies and parameters from the zod schemas the routes validate with,
 * replies from server/openapi/responses.ts, all through zod 4's own JSON Schema output (`z.toJSONSchema`),
 * which is the dialect OpenAPI 3.1 uses. Named schemas go to `components.schemas` and are referred to by $ref.
 */
import { z } from 'zod';
import { exportSchema } from '../http/evaluator-schemas.js';
import { chatSchema, openaiChatSchema, searchSchema, verifySchema } from '../http/schemas.js';
import { OPERATIONS, type Operation } from './operations.js';
import * as replies from './responses.js';

type JsonSchema = Record<string, unknown>;

/** Schemas with a name of their own, in components.schemas. */
const NAMED: Record<string, z.ZodType> = {
  ErrorBody: replies.errorBodySchema,
  Health: replies.healthSchema,
  DocumentSummary: replies.documentSummarySchema,
  DocumentList: replies.documentListSchema,
  PublicUnit: replies.publicUnitSchema,
  DocumentWithUnits: replies.documentWithUnitsSchema,
  Passage: replies.passageSchema,
  UnitSummary: replies.unitSummarySchema,
  UnitsReply: replies.unitsReplySchema,
  SearchRequest: searchSchema,
  SearchReply: replies.searchReplySchema,
  ChatRequest: chatSchema,
  Citation: replies.citationSchema,
  ClosestMatch: replies.closestMatchSchema,
  AnswerFlag: replies.answerFlagSchema,
  ChatReply: replies.chatReplySchema,
  VerifyRequest: verifySchema,
  VerifyReply: replies.verifyReplySchema,
  ExportRequest: exportSchema,
  ChatCompletionRequest: openaiChatSchema,
  ChatCompletion: replies.chatCompletionSchema,
  Model: replies.modelSchema,
  ModelList: replies.modelListSchema,
};

const REF = (name: string) => `#/components/schemas/${name}`;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (the message names the field)',
  404: 'No such document, unit or model',
  405: 'Method not allowed (see the Allow header)',
  408: 'The request took too long to arrive',
  413: 'Body larger than 64 KB',
  415: 'Body is not JSON',
  429: 'Rate limit reached (see Retry-After)',
  500: 'Internal error',
  503: 'INDEX_NOT_READY (no index loaded yet) or SERVER_BUSY (see Retry-After)',
};

// JSON Schema output in the input direction: what a client may send, and replies as open objects.
const TO_JSON = { io: 'input', unrepresentable: 'any' } as const;

/** A component schema without the dialect and id zod gives a standalone schema: the document sets both. */
function withoutDialect(schema: JsonSchema): JsonSchema {
  const rest = { ...schema };
  delete rest.$schema;
  delete rest.$id;
  return rest;
}

function components(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(NAMED)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { ...TO_JSON, uri: REF });
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, withoutDialect(s as JsonSchema)]));
}

const nameOf = new Map<z.ZodType, string>(Object.entries(NAMED).map(([name, schema]) => [schema, name]));

function schemaRef(schema: z.ZodType): JsonSchema {
  const name = nameOf.get(schema);
  if (!name) throw new Error(`openapi: a schema of the operations table has no name in NAMED`);
  return { $ref: REF(name) };
}

function parameters(op: Operation): JsonSchema[] {
  const sets = [
    { where: 'path', schema: op.params, example: op.example.params },
    { where: 'query', schema: op.query, example: op.example.query },
  ] as const;
  return sets.flatMap(({ where, schema, example }) => {
    if (!schema) return [];
    const json = z.toJSONSchema(schema, TO_JSON) as { properties?: Record<string, JsonSchema>; required?: string[] };
    return Object.entries(json.properties ?? {}).map(([name, property]) => ({
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      schema: property,
      ...(example?.[name] !== undefined ? { example: example[name] } : {}),
    }));
  });
}

function okContent(op: Operation): Record<string, JsonSchema> {
  const content: Record<string, JsonSchema> = {};
  if (op.ok.schema) content['application/json'] = { schema: schemaRef(op.ok.schema) };
  for (const [type, description] of Object.entries(op.ok.content ?? {})) {
    content[type] = {
      schema: { type: 'string', description, ...(type.includes('officedocument') ? { format: 'binary' } : {}) },
    };
  }
  return content;
}

function errorStatuses(op: Operation): number[] {
  const common = op.path.startsWith('/api') || op.path.startsWith('/v1') ? [429, 500, 503] : [500, 503];
  return [...new Set([...op.errors, ...common])].sort((a, b) => a - b);
}

/** `/api/documents/:id` → `/api/documents/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

function operation(op: Operation): JsonSchema {
  const params = parameters(op);
  const errors = Object.fromEntries(
    errorStatuses(op).map((status) => [
      String(status),
      {
        description: ERROR_DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/json': { schema: { $ref: REF('ErrorBody') } } },
      },
    ]),
  );
  return {
    operationId: `${op.method}${op.path.replace(/[^A-Z0-9]+(\w)?/gi, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: op.summary,
    tags: [op.tag],
    ...(params.length ? { parameters: params } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaRef(op.body), example: op.example.body } },
          },
        }
      : {}),
    responses: { '200': { description: op.ok.description, content: okContent(op) }, ...errors },
  };
}

export interface OpenApiOptions {
  version: string;
  /** PUBLIC_URL, when set: the server clients should use. */
  publicUrl?: string;
}

export function openApiDocument({ version, publicUrl }: OpenApiOptions): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of OPERATIONS) (paths[openApiPath(op.path)] ??= {})[op.method] = operation(op);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Budapest Process assistant',
      version,
      description:
        'Cited answers over the Budapest Process documents. Every error is `{ "error": { "code", "message" } }`. See README.md, "HTTP API" and "For evaluators".',
    },
    ...(publicUrl ? { servers: [{ url: publicUrl }] } : {}),
    paths,
    components: { schemas: components() },
  };
}
