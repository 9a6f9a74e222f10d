/**
 * @module tests/web/build-web.test
 * The bundle build: buildWeb writes app.js (+ map), index.html, styles.css and the favicons into the
 * directory given, and the bundle carries no server code.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
type BuildWeb = (options?: { outDir?: string }) => Promise<{ outDir: string; files: string[] }>;

describe('buildWeb', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('bundles the page into the output directory', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'web-build-'));
    // A plain .mjs without type declarations: import it by URL and state the one export used.
    const { buildWeb } = (await import(pathToFileURL(path.join(root, 'scripts', 'build-web.mjs')).href)) as {
      buildWeb: BuildWeb;
    };
    const result = await buildWeb({ outDir: dir });
    expect(result.outDir).toBe(dir);
    for (const f of ['app.js', 'app.js.map', 'index.html', 'styles.css', 'favicon.svg', 'favicon.ico']) {
      expect((await stat(path.join(dir, f))).size, f).toBeGreaterThan(100);
    }
    const js = await readFile(path.join(dir, 'app.js'), 'utf8');
    expect(js).toContain('sourceMappingURL=app.js.map');
    expect(js).not.toMatch(/["']node:[a-z]|\brequire\(/);
    // Small: no framework. About 90 KB of it is the markdown renderer (marked) and the sanitiser (DOMPurify).
    expect(js.length).toBeLessThan(160_000);
    const html = await readFile(path.join(dir, 'index.html'), 'utf8');
    expect(html).toContain('src="/app.js"');
    expect(html).toContain('href="/styles.css"');
    expect(html).toContain('rel="icon" href="/favicon.svg"');
  });
});
