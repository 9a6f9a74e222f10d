/**
 * @module tests/support/test-index
 * The index the HTTP and browser tests share: built once from the real corpus (global setup) into
 * .cache/test-index, and reused while the corpus and pipeline are unchanged.
 */
import path from 'node:path';
import { ensureIndex } from '../../ingest/ensure-index.js';
import { loadConfig, type Config } from '../../core/config.js';

import { ROOT } from './paths.js';

export const TEST_INDEX_DIR = path.join(ROOT, '.cache', 'test-index');

/**
 * Config for tests: the shared test index, no rate limit, no answer cache (tests change the upstream's
 * behaviour between identical questions), no LLM, quiet logs.
 */
export function testConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = {}): Config {
  const base = loadConfig({
    INDEX_DIR: TEST_INDEX_DIR,
    RATE_LIMIT_PER_MINUTE: '0',
    ANSWER_CACHE_TTL_SECONDS: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
  return { ...base, ...overrides };
}

export async function ensureTestIndex(): Promise<void> {
  await ensureIndex(testConfig(), () => {});
}
