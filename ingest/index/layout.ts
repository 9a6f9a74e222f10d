/**
 * @module ingest/index/layout
 * Where an index lives on disk. Each ingest writes a new build folder; `CURRENT` names the build in
 * service and is replaced by an atomic rename only when a build is complete, so a failed or killed
 * ingest never touches the index being served.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const INDEX_FORMAT_VERSION = 1;

export const INDEX_FILES = {
  manifest: 'manifest.json',
  units: 'units.json',
  chunks: 'chunks.json',
  vectors: 'vectors.hnsw',
  lexical: 'lexical.json',
  embedderState: 'embedder-state.json',
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

/** Points CURRENT at a complete build: write a temp file, then rename over the old pointer. */
export async function swapCurrentBuild(indexDir: string, buildDir: string): Promise<void> {
  const tmp = `${currentPointer(indexDir)}.${process.pid}.tmp`;
  await fs.writeFile(tmp, `${path.basename(buildDir)}\n`);
  await fs.rename(tmp, currentPointer(indexDir));
}

/** Removes build folders other than the current one and the one before it (kept for a quick rollback). */
export async function pruneBuilds(indexDir: string, keep: string[]): Promise<void> {
  const keepNames = new Set(keep.map((k) => path.basename(k)));
  const entries = await fs.readdir(indexDir, { withFileTypes: true });
  await Promise.all(
    entries
      .filter((e) => e.isDirectory() && e.name.startsWith('build-') && !keepNames.has(e.name))
      .map((e) => fs.rm(path.join(indexDir, e.name), { recursive: true, force: true })),
  );
}
