/**
 * @module ingest/index/fingerprint
 * A digest of everything an index is built from: corpus files, manifest, pipeline version and embedder.
 * `npm start` compares it with the index's own to decide whether the index is stale.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../../core/index/checksum.js';
import { SUPPORTED_EXTENSIONS } from '../load/index.js';

/** Bump when parsing, chunking or index layout changes, so existing indexes are rebuilt. */
export const PIPELINE_VERSION = 'pipeline-16';

// The documents the loader reads, and the corpus manifest (manifest.json).
const INDEXED_EXTENSIONS = new Set([...SUPPORTED_EXTENSIONS, '.json']);

export async function corpusFingerprint(corpusDir: string, embedderId: string): Promise<string> {
  const hash = createHash('sha256').update(`${PIPELINE_VERSION}\0${embedderId}\0`);
  const names = (await fs.readdir(corpusDir).catch(() => [] as string[]))
    .filter((n) => !n.startsWith('.') && INDEXED_EXTENSIONS.has(path.extname(n).toLowerCase()))
    .sort();
  for (const name of names) {
    const body = await fs.readFile(path.join(corpusDir, name)).catch(() => null);
    if (body === null) continue;
    hash.update(name).update('\0').update(sha256(body)).update('\0');
  }
  return hash.digest('hex');
}
