/**
 * @module tests/client/example.int
 * The example to copy: ask the real server a question with the typed client, check what it cites, and have
 * the server verify the reply's citations.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient, type Client } from '../../client/index.js';
import { startTestServer, type RunningServer } from '../support/test-server.js';

let server: RunningServer;
let client: Client;

beforeAll(async () => {
  server = await startTestServer();
  client = createClient({ baseUrl: server.url });
});
afterAll(() => server.close());

it('cites Recommendation 18 of Prague 1997 for carrier sanctions, verifiably', async () => {
  const reply = await client.ask('What did Prague 1997 say about carrier sanctions?');

  expect(reply.grounded).toBe(true);
  expect(reply.citations.map((c) => c.id)).toContain('prague-1997:rec-18');

  const check = await client.verify({ answer: reply.answer, citations: reply.citations });
  expect(check.valid).toBe(true);
});
