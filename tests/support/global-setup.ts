/**
 * @module tests/support/global-setup
 * Runs once before the suite: builds the shared test index (and, the first time on a machine, the
 * offline embedding cache) so that test files only load it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default async function setup(): Promise<void> {
  // TEMPORARY while the parse stage is being written in parallel.
  if (!existsSync(path.join(root, 'ingest/parse/index.ts')) || !existsSync(path.join(root, 'ingest/parse/chunk.ts')))
    return;
  const { ensureTestIndex } = await import('./test-index.js');
  await ensureTestIndex();
}
