/**
 * @module server/openapi/operations
 * Every endpoint of the service, described once: its request schemas (the very zod schemas the routes
 * validate with), its replies (server/openapi/responses.ts), the errors it can answer and an example request.
 * server/openapi/document.ts turns the table into OpenAPI 3.1; tests check it against the live routes.
 */
import { z } from 'zod';
import { exportSchema, unitsQuery } from '../http/evaluator-schemas.js';
import {
  chatSchema,
  documentIdParams,
  openaiChatSchema,
  passageIdParams,
  searchSchema,
  verifySchema,
} from '../http/schemas.js';
import * as replies from './responses.js';

export type Method = 'get' | 'post';

export interface ReplyDescription {
  description: string;
  /** JSON replies: the schema. Other media types: given in `content`. */
  schema?: z.ZodType;
  /** Media types other than JSON, with what they hold. */
  content?: Record<string, string>;
}

export interface Operation {
  method: Method;
  /** As Express writes it: `/api/documents/:id`. */
  path: string;
  summary: string;
  tag: 'health' | 'documents' | 'answers' | 'evaluation' | 'openai' | 'meta';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Media types the reply may take besides JSON, chosen by the request (e.g. `Accept: text/event-stream`). */
  ok: ReplyDescription;
  /** Error statuses besides those every endpoint can answer (429, 500, 503). */
  errors: number[];
  /** A request that succeeds against the real corpus: documents the endpoint, and tests send it. */
  example: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown };
}

/** /v1/models/:id takes any model name; the route checks it against the list rather than a schema. */
const modelIdParams = z.object({ id: z.string().max(200).meta({ example: 'budapest-process-assistant' }) });

const BODY_ERRORS = [400, 405, 413, 415];
const READ_ERRORS = [405];

export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/healthz',
    summary: 'Whether the index is loaded, and which one (indexBuild)',
    tag: 'health',
    ok: { description: 'In service', schema: replies.healthSchema },
    errors: READ_ERRORS,
    example: {},
  },
  {
    method: 'get',
    path: '/api/documents',
    summary: 'The documents, with date or year (and its source) and unit counts',
    tag: 'documents',
    ok: { description: 'The documents', schema: replies.documentListSchema },
    errors: READ_ERRORS,
    example: {},
  },
  {
    method: 'get',
    path: '/api/documents/:id',
    summary: 'One document with its units in reading order',
    tag: 'documents',
    params: documentIdParams,
    ok: { description: 'The document', schema: replies.documentWithUnitsSchema },
    errors: [400, 404, ...READ_ERRORS],
    example: { params: { id: 'prague-1997' } },
  },
  {
    method: 'get',
    path: '/api/passages/:id',
    summary: 'One unit by id',
    tag: 'documents',
    params: passageIdParams,
    ok: { description: 'The unit', schema: replies.passageSchema },
    errors: [400, 404, ...READ_ERRORS],
    example: { params: { id: 'prague-1997:rec-18' } },
  },
  {
    method: 'get',
    path: '/api/units',
    summary: "Every unit's id, document, label, kind, section and page (optionally of one document)",
    tag: 'evaluation',
    query: unitsQuery,
    ok: { description: 'The units in reading order, document by document', schema: replies.unitsReplySchema },
    errors: [400, ...READ_ERRORS],
    example: { query: { document: 'call-for-action' } },
  },
  {
    method: 'post',
    path: '/api/search',
    summary: 'Units ranked for a query',
    tag: 'answers',
    body: searchSchema,
    ok: { description: 'Whole units, best first', schema: replies.searchReplySchema },
    errors: BODY_ERRORS,
    example: { body: { query: 'carrier sanctions', k: 3 } },
  },
  {
    method: 'post',
    path: '/api/chat',
    summary: 'A cited answer',
    tag: 'answers',
    body: chatSchema,
    ok: {
      description: 'The answer with its citations',
      schema: replies.chatReplySchema,
      content: {
        'text/event-stream':
          'With `Accept: text/event-stream`: `token` events ({ text }), `reset`, then one `done` event carrying the JSON reply, or an `error` event',
      },
    },
    errors: [...BODY_ERRORS, 408],
    example: { body: { question: 'What did Prague 1997 say about carrier sanctions?' } },
  },
  {
    method: 'post',
    path: '/api/verify',
    summary: "Checks an answer's citations against the corpus",
    tag: 'evaluation',
    body: verifySchema,
    ok: { description: 'The verdict, citation by citation', schema: replies.verifyReplySchema },
    errors: BODY_ERRORS,
    example: {
      body: {
        answer: 'Carriers can be fined [1].',
        citations: [
          { id: 'prague-1997:rec-18', quote: 'by fining and holding the carriers liable for the return costs' },
        ],
      },
    },
  },
  {
    method: 'post',
    path: '/api/export',
    summary: 'An answer with one footnote per citation, as Markdown or a Word document',
    tag: 'answers',
    body: exportSchema,
    ok: {
      description: 'The file, as an attachment',
      content: {
        'text/markdown': 'format "markdown" (default): answer.md, the answer with [^n] footnotes',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
          'format "docx": answer.docx, with Word footnotes',
      },
    },
    errors: BODY_ERRORS,
    example: {
      body: {
        answer: 'Carriers can be fined [1].',
        citations: [{ n: 1, id: 'prague-1997:rec-18', quote: 'by fining and holding the carriers liable' }],
      },
    },
  },
  {
    method: 'post',
    path: '/v1/chat/completions',
    summary: 'OpenAI-compatible chat completions (the structured reply rides along)',
    tag: 'openai',
    body: openaiChatSchema,
    ok: {
      description: 'A chat completion',
      schema: replies.chatCompletionSchema,
      content: { 'text/event-stream': 'With `stream: true`: chat.completion.chunk events, then `data: [DONE]`' },
    },
    errors: BODY_ERRORS,
    example: {
      body: { model: 'budapest-process-assistant', messages: [{ role: 'user', content: 'carrier sanctions' }] },
    },
  },
  {
    method: 'get',
    path: '/v1/models',
    summary: 'The model names',
    tag: 'openai',
    ok: { description: 'The models', schema: replies.modelListSchema },
    errors: READ_ERRORS,
    example: {},
  },
  {
    method: 'get',
    path: '/v1/models/:id',
    summary: 'One model',
    tag: 'openai',
    params: modelIdParams,
    ok: { description: 'The model', schema: replies.modelSchema },
    errors: [404, ...READ_ERRORS],
    example: { params: { id: 'budapest-process-assistant' } },
  },
  {
    method: 'get',
    path: '/openapi.json',
    summary: 'This description',
    tag: 'meta',
    ok: { description: 'OpenAPI 3.1', content: { 'application/json': 'The OpenAPI document' } },
    errors: READ_ERRORS,
    example: {},
  },
];
