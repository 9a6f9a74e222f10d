/**
 * @module tests/support/global-setup
 * Runs once before the suite: builds the shared test index (and, the first time on a machine, the
 * offline embedding cache) so that test files only load it.
 */
import { ensureTestIndex } from './test-index.js';

export default async function setup(): Promise<void> {
  await ensureTestIndex();
}
