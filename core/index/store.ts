/**
 * @module core/index/store
 * Writes a complete index into a build folder (with a checksum per file) and reads one back, refusing an
 * index built by another embedder or whose files do not match their checksums.
 */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { IndexError } from '../errors.js';
import type { DocumentMeta, Unit } from '../types.js';
import { sha256 } from './checksum.js';
import { INDEX_FILES, INDEX_FORMAT_VERSION, readCurrentBuild } from './layout.js';
import { loadLexicalIndex, serialiseLexicalIndex, type LexicalIndex } from './lexical.js';
import type { LexicalMap } from './lexicon.js';
import { HNSW_PARAMS, loadVectorIndex, type VectorIndex, type VectorIndexBuild } from './vectors.js';

export interface ChunkRef {
  unitId: string;
  part: number;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface IndexManifest {
  formatVersion: number;
  builtAt: string;
  corpusFingerprint: string;
  embedder: { id: string; dimensions: number };
  hnsw: typeof HNSW_PARAMS;
  documents: { id: string; file: string; units: number }[];
  unitCount: number;
  chunkCount: number;
  skipped: SkippedFile[];
  checksums: Record<string, string>;
}

/** What an index holds: written by ingest, loaded by the server. */
export interface IndexContents {
  documents: DocumentMeta[];
  units: Unit[];
  chunks: ChunkRef[];
  vectors: VectorIndex;
  lexical: LexicalIndex;
  /** People's words → the corpus's own terms (ingest/lexicon). */
  lexicon: LexicalMap;
  embedderState: unknown;
}

/** What writeIndex takes: the contents, with the vector index possibly still being built (see buildVectorIndex). */
export interface IndexToWrite extends Omit<IndexContents, 'vectors'> {
  vectors: VectorIndexBuild;
}

/** Everything the server needs in memory to search and cite: the contents and where they came from. */
export interface LoadedIndex extends IndexContents {
  dir: string;
  manifest: IndexManifest;
}

export async function writeIndex(
  buildDir: string,
  contents: IndexToWrite,
  info: Pick<IndexManifest, 'corpusFingerprint' | 'embedder' | 'skipped'>,
): Promise<IndexManifest> {
  await fs.mkdir(buildDir, { recursive: true });
  const files: Record<string, string | Buffer> = {
    [INDEX_FILES.units]: JSON.stringify({ documents: contents.documents, units: contents.units }),
    [INDEX_FILES.chunks]: JSON.stringify(contents.chunks),
    [INDEX_FILES.lexical]: serialiseLexicalIndex(contents.lexical),
    [INDEX_FILES.embedderState]: JSON.stringify(contents.embedderState ?? null),
    [INDEX_FILES.lexicon]: JSON.stringify(contents.lexicon),
  };
  const checksums: Record<string, string> = {};
  for (const [name, body] of Object.entries(files)) {
    await fs.writeFile(path.join(buildDir, name), body);
    checksums[name] = sha256(body);
  }
  const vectorsFile = path.join(buildDir, INDEX_FILES.vectors);
  // Last of the files: a vector index built on a worker thread has had all the work above to finish in.
  await contents.vectors.writeTo(vectorsFile);
  checksums[INDEX_FILES.vectors] = sha256(await fs.readFile(vectorsFile));

  const unitsPerDoc = new Map<string, number>();
  for (const u of contents.units) unitsPerDoc.set(u.documentId, (unitsPerDoc.get(u.documentId) ?? 0) + 1);
  const manifest: IndexManifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    builtAt: new Date().toISOString(),
    corpusFingerprint: info.corpusFingerprint,
    embedder: info.embedder,
    hnsw: HNSW_PARAMS,
    documents: contents.documents.map((d) => ({ id: d.id, file: d.file, units: unitsPerDoc.get(d.id) ?? 0 })),
    unitCount: contents.units.length,
    chunkCount: contents.chunks.length,
    skipped: info.skipped,
    checksums,
  };
  // The manifest is written last: a build folder without one is incomplete by definition.
  await fs.writeFile(path.join(buildDir, INDEX_FILES.manifest), JSON.stringify(manifest, null, 2));
  return manifest;
}

export async function readIndexManifest(indexDir: string): Promise<{ dir: string; manifest: IndexManifest } | null> {
  const dir = await readCurrentBuild(indexDir);
  if (!dir) return null;
  try {
    const manifest = JSON.parse(await fs.readFile(path.join(dir, INDEX_FILES.manifest), 'utf8')) as IndexManifest;
    return { dir, manifest };
  } catch {
    return null;
  }
}

const RERUN = 'run `npm run ingest` to rebuild it';

/**
 * Loads the index in service. Throws IndexError INDEX_MISSING, INDEX_INCOMPATIBLE (other embedder or
 * format) or INDEX_CORRUPT (a file does not match its checksum).
 */
export async function loadIndex(indexDir: string, expectedEmbedderId?: string): Promise<LoadedIndex> {
  const found = await readIndexManifest(indexDir);
  if (!found) throw new IndexError('INDEX_MISSING', `index: no index in ${indexDir}; ${RERUN}`);
  const { dir, manifest } = found;
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    throw new IndexError(
      'INDEX_INCOMPATIBLE',
      `index: format ${manifest.formatVersion} is not ${INDEX_FORMAT_VERSION}; ${RERUN}`,
    );
  }
  if (expectedEmbedderId && manifest.embedder.id !== expectedEmbedderId) {
    throw new IndexError(
      'INDEX_INCOMPATIBLE',
      `index: built with embedder "${manifest.embedder.id}" but the server uses "${expectedEmbedderId}"; ${RERUN}`,
    );
  }
  for (const name of Object.values(INDEX_FILES)) {
    if (name !== INDEX_FILES.manifest && !(name in manifest.checksums)) {
      throw new IndexError('INDEX_CORRUPT', `index: the manifest has no checksum for ${name}; ${RERUN}`);
    }
  }
  // One file at a time, each dropped once parsed: holding every file's bytes at once would add the whole index
  // to the peak memory of a start (~170 MB at 100k units).
  const verified = (name: string): Buffer => {
    let body: Buffer;
    try {
      body = readFileSync(path.join(dir, name));
    } catch {
      throw new IndexError('INDEX_CORRUPT', `index: ${name} is missing from ${path.basename(dir)}; ${RERUN}`);
    }
    if (sha256(body) !== manifest.checksums[name]) {
      throw new IndexError('INDEX_CORRUPT', `index: ${name} does not match its checksum (damaged?); ${RERUN}`);
    }
    return body;
  };
  const json = <T>(name: string) => JSON.parse(verified(name).toString('utf8')) as T;
  const { documents, units } = json<{ documents: DocumentMeta[]; units: Unit[] }>(INDEX_FILES.units);
  const chunks = json<ChunkRef[]>(INDEX_FILES.chunks);
  const lexical = loadLexicalIndex(verified(INDEX_FILES.lexical));
  const embedderState = json<unknown>(INDEX_FILES.embedderState);
  const lexicon = json<LexicalMap>(INDEX_FILES.lexicon);
  // hnswlib reads the vectors file itself; its bytes are read here only to be checked.
  verified(INDEX_FILES.vectors);
  const vectors = loadVectorIndex(path.join(dir, INDEX_FILES.vectors), manifest.embedder.dimensions);
  return { dir, manifest, documents, units, chunks, vectors, lexical, lexicon, embedderState };
}
