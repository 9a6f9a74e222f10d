/**
 * @module tests/scripts/replicas/fleet-support
 * What the replica tests share: whether Debian's redis-server and nginx are installed (the tests are skipped,
 * saying so, only when they are not; CI installs them), a fleet over the test bundle of bin/start.ts with the
 * replicas' output kept, and a direct Redis client for the test's own checks. Loopback only.
 */
import { Redis } from 'ioredis';
import { findBinary } from '../../../scripts/replicas/binaries.js';
import { startFleet, type Fleet, type FleetOptions } from '../../../scripts/replicas/fleet.js';
import { bundles, cleanEnv } from '../../reliability/helpers.js';
import { CORPUS_DIR, ROOT } from '../../support/paths.js';
import path from 'node:path';

const missing = (['redis-server', 'nginx'] as const).filter((name) => !findBinary(name));
export const BINARIES_MISSING = missing.length > 0;
if (BINARIES_MISSING) {
  console.warn(
    `replica tests skipped: ${missing.join(' and ')} not installed (apt-get install -y --no-install-recommends redis-server nginx; .ci/run does)`,
  );
}

export interface TestFleet extends Fleet {
  /** Every line the fleet's processes printed. */
  lines: string[];
}

export async function startTestFleet(
  env: Record<string, string>,
  options: Partial<Pick<FleetOptions, 'replicas' | 'indexDir' | 'drainMs'>> & { indexDir: string },
): Promise<TestFleet> {
  const { server } = await bundles();
  const lines: string[] = [];
  const fleet = await startFleet({
    replicas: options.replicas ?? 3,
    host: '127.0.0.1',
    port: 0,
    indexDir: options.indexDir,
    entry: server,
    env: cleanEnv({
      CORPUS_DIR,
      CACHE_DIR: path.join(ROOT, '.cache'),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      SHUTDOWN_GRACE_MS: '5000',
      ...env,
    }),
    drainMs: options.drainMs ?? 10_000,
    healthTimeoutMs: 60_000,
    onLine: (line) => lines.push(line),
  });
  return Object.assign(fleet, { lines });
}

/** A client of the fleet's Redis for the test's own look and clean-up (not reconnecting behind its back). */
export function redisClient(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
}
