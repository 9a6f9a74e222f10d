/**
 * @module tests/support/test-server
 * Starts the real application on 127.0.0.1 with a random port over the shared test index.
 */
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { createApp } from '../../server/app.js';
import { buildServices } from '../../server/bootstrap.js';
import type { Config } from '../../core/config.js';
import type { Services } from '../../server/services.js';
import { testConfig } from './test-index.js';

const cache = new Map<string, Promise<Services>>();

/** Services over the test index; cached per config so test files share one load. */
export function testServices(overrides: Partial<Config> = {}): Promise<Services> {
  const key = JSON.stringify(overrides);
  let services = cache.get(key);
  if (!services) {
    services = buildServices(testConfig(overrides));
    cache.set(key, services);
  }
  return services;
}

export async function testApp(overrides: Partial<Config> = {}): Promise<Express> {
  return createApp(await testServices(overrides));
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startTestServer(overrides: Partial<Config> = {}): Promise<RunningServer> {
  const app = await testApp(overrides);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
