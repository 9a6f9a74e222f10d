/**
 * @module tests/server/openapi/document.int
 * GET /openapi.json against the live application: every route of the app is described and every described
 * route exists (with the same methods); each operation's example request succeeds and its reply fits the
 * described schema and media type; every $ref resolves; and the TypeScript contracts fit the described replies.
 */
import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ChatReply } from '../../../server/answer/types.js';
import type { DocumentSummary } from '../../../server/catalogue.js';
import { openApiPath } from '../../../server/openapi/document.js';
import { OPERATIONS } from '../../../server/openapi/operations.js';
import type {
  chatReplySchema,
  documentSummarySchema,
  healthSchema,
  unitsReplySchema,
  verifyReplySchema,
} from '../../../server/openapi/responses.js';
import type { HealthReply } from '../../../server/routes/health.js';
import type { UnitsReply } from '../../../server/routes/units.js';
import type { VerifyResponse } from '../../../server/verify/verify-citations.js';
import { testApp } from '../../support/test-server.js';

/** Compiles only while whatever the server's own types allow fits the described replies. */
type Fits<Described, Actual extends Described> = Actual;
export type ContractsFitDescriptions = [
  Fits<z.input<typeof chatReplySchema>, ChatReply>,
  Fits<z.input<typeof documentSummarySchema>, DocumentSummary>,
  Fits<z.input<typeof verifyReplySchema>, VerifyResponse>,
  Fits<z.input<typeof healthSchema>, HealthReply>,
  Fits<z.input<typeof unitsReplySchema>, UnitsReply>,
];

interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
  components: { schemas: Record<string, unknown> };
}

let app: Express;
let doc: OpenApi;
beforeAll(async () => {
  app = await testApp();
  doc = (await request(app).get('/openapi.json').expect(200).expect('content-type', /json/)).body as OpenApi;
});

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** "GET /api/documents/:id" for every route the Express app has, through nested routers. */
function appRoutes(target: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) {
          found.push(`${method.toUpperCase()} ${layer.route.path}`);
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((target as unknown as { router: { stack: Layer[] } }).router.stack);
  return found;
}

const isService = (route: string) => / \/(?:api|v1)\/|^\w+ \/(?:healthz|openapi\.json)$/.test(route);

describe('GET /openapi.json', () => {
  it('is OpenAPI 3.1 with every $ref resolving to a component', () => {
    expect(doc.openapi).toBe('3.1.0');
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of new Set(refs)) expect(doc.components.schemas, ref).toHaveProperty(ref);
  });

  it('describes every route of the app, and only routes the app has', () => {
    const live = appRoutes(app).filter(isService).sort();
    const described = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`))
      .sort();
    expect(live.length).toBeGreaterThanOrEqual(13);
    expect(described).toEqual(live);
  });

  it.each(OPERATIONS.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
    '%s: the example request succeeds and the reply fits what is described',
    async (_name, op) => {
      let url = op.path.replace(/:(\w+)/g, (_m, key: string) => encodeURIComponent(op.example.params?.[key] ?? ''));
      if (op.example.query) url += `?${new URLSearchParams(op.example.query).toString()}`;
      const res =
        op.method === 'get'
          ? await request(app).get(url)
          : await request(app)
              .post(url)
              .send(op.example.body as object);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const described = Object.keys(doc.paths[openApiPath(op.path)][op.method].responses['200'].content ?? {});
      const type = String(res.headers['content-type']).split(';')[0];
      expect(described).toContain(type);
      if (type === 'application/json' && op.ok.schema) {
        const parsed = op.ok.schema.safeParse(res.body);
        expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
      }
    },
  );

  it('answers with the described error shape for an unknown document', async () => {
    const res = await request(app).get('/api/documents/nope').expect(404);
    expect(Object.keys(doc.paths['/api/documents/{id}'].get.responses)).toContain('404');
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });
});
