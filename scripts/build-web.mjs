/**
 * @module scripts/build-web
 * Builds the browser bundle: web/src/main.ts → dist/web/app.js (minified, with source map, ES2020),
 * plus index.html, styles.css and the favicons copied beside it. Called by scripts/build.mjs via `buildWeb()`, or run
 * directly: `node scripts/build-web.mjs [outDir]`.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {{ outDir?: string }} [options] where to write (default dist/web under the project root)
 * @returns {Promise<{ outDir: string, files: string[] }>}
 */
export async function buildWeb({ outDir = path.join(root, 'dist', 'web') } = {}) {
  const out = path.resolve(outDir);
  await mkdir(out, { recursive: true });
  await build({
    entryPoints: [path.join(root, 'web', 'src', 'main.ts')],
    outfile: path.join(out, 'app.js'),
    bundle: true,
    // An ES module: index.html loads it with type="module", which also defers it until the DOM is parsed.
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
    tsconfig: path.join(root, 'tsconfig.json'),
  });
  const copied = ['index.html', 'styles.css', 'favicon.svg', 'favicon.ico'];
  await Promise.all(copied.map((file) => copyFile(path.join(root, 'web', file), path.join(out, file))));
  return { outDir: out, files: ['app.js', 'app.js.map', ...copied] };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const started = Date.now();
  buildWeb({ outDir: process.argv[2] })
    .then(({ outDir }) =>
      console.log(`web: built ${path.relative(process.cwd(), outDir) || '.'} in ${Date.now() - started} ms`),
    )
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}
