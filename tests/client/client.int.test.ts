/**
 * @module tests/client/client.int
 * The typed client's other calls against the real server, and its errors: ClientError with the server's
 * status and code, and NETWORK_ERROR when nothing listens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientError, createClient, type Client } from '../../client/index.js';
import { startTestServer, type RunningServer } from '../support/test-server.js';

let server: RunningServer;
let client: Client;

beforeAll(async () => {
  server = await startTestServer();
  client = createClient({ baseUrl: `${server.url}/` });
});
afterAll(() => server.close());

describe('client', () => {
  it('searches, lists documents and reads a passage', async () => {
    const { results } = await client.search('carrier sanctions', { k: 3, documents: ['prague-1997'] });
    expect(results).toHaveLength(3);
    expect(results.every((r) => r.documentId === 'prague-1997')).toBe(true);
    expect((await client.documents()).map((d) => d.id)).toContain('prague-1997');
    const passage = await client.passage('prague-1997:rec-18');
    expect(passage).toMatchObject({ id: 'prague-1997:rec-18', documentId: 'prague-1997', label: 'Recommendation 18' });
    expect((await client.document('vienna-2005')).units.length).toBeGreaterThan(0);
  });

  it('throws ClientError with the status and code of an error response', async () => {
    await expect(client.passage('prague-1997:rec-999')).rejects.toMatchObject({
      name: 'ClientError',
      status: 404,
      code: 'NOT_FOUND',
    });
    await expect(client.ask('')).rejects.toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
    await expect(client.ask('x', { documents: ['nowhere'] })).rejects.toBeInstanceOf(ClientError);
  });

  it('throws NETWORK_ERROR when the server cannot be reached', async () => {
    const offline = createClient({ baseUrl: 'http://127.0.0.1:9' });
    await expect(offline.documents()).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });
});
