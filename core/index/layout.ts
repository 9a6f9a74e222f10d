/**
 * @module core/index/layout
 * Where an index lives on disk. Each ingest writes a new build folder; `CURRENT` names the build in
 * service and is replaced by an atomic rename only when a build is complete, checked and flushed to disk,
 * so a failed, killed or powered-off ingest never leaves the index being served damaged.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { sha256 } from './checksum.js';

export const INDEX_FORMAT_VERSION = 5;

export const INDEX_FILES = {
  manifest: 'manifest.json',
  units: 'units.json',
  chunks: 'chunks.json',
  vectors: 'vectors.hnsw',
  lexical: 'lexical.bm25',
  embedderState: 'embedder-state.json',
  lexicon: 'lexicon.json',
} as const;

export function currentPointer(indexDir: string): string {
  return path.join(indexDir, 'CURRENT');
}

export function lockFile(indexDir: string): string {
  return path.join(indexDir, 'ingest.lock');
}

export function newBuildDir(indexDir: string): string {
  const stamp = new Date().toISOString().replace(/[-:.]/g, '').replace('T', '-').slice(0, 15);
  return path.join(indexDir, `build-${stamp}-${process.pid}-${Math.floor(performance.now())}`);
}

/** The build folder in service, or null when there is none. */
export async function readCurrentBuild(indexDir: string): Promise<string | null> {
  try {
    const name = (await fs.readFile(currentPointer(indexDir), 'utf8')).trim();
    // The pointer holds a bare folder name; anything else is not ours to follow.
    if (!/^build-[\w-]+$/.test(name)) return null;
    return path.join(indexDir, name);
  } catch {
    return null;
  }
}

/** Flushes a file or folder to disk. Folders cannot be opened for sync on every platform; that is not fatal. */
async function fsyncPath(target: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(target, 'r');
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw err;
  } finally {
    await handle?.close();
  }
}

/** Flushes every file of a build and the folder itself, so the swap that follows cannot outlive them on disk. */
export async function syncBuild(buildDir: string): Promise<void> {
  const names = await fs.readdir(buildDir);
  await Promise.all(names.map((n) => fsyncPath(path.join(buildDir, n))));
  await fsyncPath(buildDir);
}

/**
 * Checks a finished build before it goes into service: a manifest, and every file it lists matching its
 * checksum. Returns the reason it cannot be used, or null.
 */
export async function checkBuild(buildDir: string): Promise<string | null> {
  let checksums: Record<string, string>;
  try {
    const manifest = JSON.parse(await fs.readFile(path.join(buildDir, INDEX_FILES.manifest), 'utf8')) as {
      checksums?: Record<string, string>;
    };
    checksums = manifest.checksums ?? {};
  } catch {
    return 'the build has no readable manifest';
  }
  if (!(INDEX_FILES.units in checksums)) return 'the manifest lists no units file';
  for (const [name, expected] of Object.entries(checksums)) {
    const body = await fs.readFile(path.join(buildDir, name)).catch(() => null);
    if (!body) return `${name} is missing`;
    if (sha256(body) !== expected) return `${name} does not match its checksum`;
  }
  return null;
}

/** Points CURRENT at a complete build: write a temp file, flush it, rename it over the old pointer, flush the folder. */
export async function swapCurrentBuild(indexDir: string, buildDir: string): Promise<void> {
  const tmp = `${currentPointer(indexDir)}.${process.pid}.tmp`;
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(`${path.basename(buildDir)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, currentPointer(indexDir));
  await fsyncPath(indexDir);
}

/**
 * Removes build folders other than the current one and the one before it (kept for a quick rollback), and
 * what killed ingests left behind (half-written builds, pointer temp files). Call only under the ingest lock.
 */
export async function pruneBuilds(indexDir: string, keep: string[]): Promise<void> {
  const keepNames = new Set(keep.map((k) => path.basename(k)));
  const entries = await fs.readdir(indexDir, { withFileTypes: true });
  await Promise.all(
    entries
      .filter(
        (e) =>
          (e.isDirectory() && e.name.startsWith('build-') && !keepNames.has(e.name)) ||
          (e.isFile() && /^CURRENT\.\d+\.tmp$/.test(e.name)),
      )
      .map((e) => fs.rm(path.join(indexDir, e.name), { recursive: true, force: true })),
  );
}
