/**
 * @module tests/support/paths
 * Where the project and its corpus are, for tests that read real files.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS_DIR = path.join(ROOT, 'corpus');
export const FIXTURES_DIR = path.join(ROOT, 'tests', 'fixtures');
