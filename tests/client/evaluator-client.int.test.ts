/**
 * @module tests/client/evaluator-client.int
 * The typed client's calls for evaluators, against the real server: verifyMany (results in the order given,
 * a few requests at a time), units (all, or one document's) and health (the index in service).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../client/index.js';
import { startTestServer, testServices, type RunningServer } from '../support/test-server.js';

let server: RunningServer;
let client: Client;
beforeAll(async () => {
  server = await startTestServer();
  client = createClient({ baseUrl: server.url });
});
afterAll(async () => {
  await server?.close();
});

describe('client', () => {
  it('verifyMany verifies many answers, results in the order given', async () => {
    const inputs = Array.from({ length: 7 }, (_, i) => ({
      answer: 'Carriers can be fined [1].',
      citations: [{ id: i % 2 ? 'prague-1997:rec-18' : 'prague-1997:rec-17', quote: 'by fining and holding' }],
    }));
    const results = await client.verifyMany(inputs, { concurrency: 3 });
    expect(results.map((r) => r.valid)).toEqual(inputs.map((_, i) => i % 2 === 1));
    expect(await client.verifyMany([])).toEqual([]);
  });

  it('verifyMany takes /api/chat replies as they are', async () => {
    const reply = await client.ask('What did Prague 1997 say about carrier sanctions?');
    expect((await client.verifyMany([reply, reply])).map((r) => r.valid)).toEqual([true, true]);
  });

  it('units lists every unit, or one document’s', async () => {
    const all = await client.units();
    const call = await client.units({ document: 'call-for-action' });
    expect(all.length).toBe((await testServices()).index.units.length);
    expect(call.map((u) => u.id)).toEqual(all.filter((u) => u.documentId === 'call-for-action').map((u) => u.id));
  });

  it('health names the index in service', async () => {
    const health = await client.health();
    expect(health).toMatchObject({ status: 'ok', indexBuild: (await testServices()).index.manifest.corpusFingerprint });
  });
});
