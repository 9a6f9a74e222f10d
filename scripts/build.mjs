// Builds what `npm start` runs: the server bundle (dist/server/main.js, packages left external) and the
// web page (dist/web). esbuild takes well under a second, so start always runs the current source.
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles the server into `outDir` (default dist/server): main.js plus chunks/ for what is imported on demand.
 * Returns esbuild's metafile, so tests can check what main.js loads at start.
 */
export async function buildServer({ outDir = path.join(root, 'dist/server') } = {}) {
  // Chunk names change with their content; start from an empty folder so old chunks do not pile up.
  rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { main: path.join(root, 'bin/start.ts') },
    outdir: outDir,
    // Dynamic imports become chunks loaded on first use: an offline server never loads LangChain's client.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  return result.metafile;
}

export async function buildAll() {
  await buildServer();
  const webBuilder = path.join(root, 'scripts/build-web.mjs');
  if (existsSync(webBuilder)) {
    const { buildWeb } = await import(webBuilder);
    await buildWeb({ outDir: path.join(root, 'dist/web') });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildAll();
}
