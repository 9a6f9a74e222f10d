/**
 * @module scripts/replicas/paths
 * Where the project is, for the replica orchestrator's templates and the server bundle it runs.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** What `npm start` runs (scripts/build.mjs writes it). */
export const SERVER_BUNDLE = path.join(ROOT_DIR, 'dist', 'server', 'main.js');
