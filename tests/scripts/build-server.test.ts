/**
 * @module tests/scripts/build-server.test
 * The server bundle `npm start` runs: what main.js imports at start (statically, through its chunks) leaves
 * LangChain's chat client and prompt classes out (in a chunk loaded on the first LLM answer), and the Redis client
 * (loaded only with REDIS_URL).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Metafile {
  outputs: Record<
    string,
    {
      entryPoint?: string;
      imports: { path: string; kind: string; external?: boolean }[];
      inputs: Record<string, unknown>;
    }
  >;
}
type BuildServer = (options?: { outDir?: string }) => Promise<Metafile>;

/** Packages an output loads: `static` through import statements alone, `all` through dynamic imports too. */
function packagesLoaded(meta: Metafile, from: string, include: 'static' | 'all'): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const imp of meta.outputs[output]?.imports ?? []) {
      if (include === 'static' && imp.kind !== 'import-statement') continue;
      if (imp.external) packages.add(imp.path);
      else visit(imp.path);
    }
  };
  visit(from);
  return packages;
}

describe('buildServer', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps LangChain chat and prompt modules out of what the server loads at start', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'server-build-'));
    // A plain .mjs without type declarations: import it by URL and state the one export used.
    const { buildServer } = (await import(pathToFileURL(path.join(root, 'scripts', 'build.mjs')).href)) as {
      buildServer: BuildServer;
    };
    const meta = await buildServer({ outDir: dir });
    const entry = Object.keys(meta.outputs).find((o) => meta.outputs[o].entryPoint?.endsWith('bin/start.ts'));
    expect(entry).toBeDefined();
    const atStart = packagesLoaded(meta, entry!, 'static');
    const eventually = packagesLoaded(meta, entry!, 'all');
    expect(atStart).toContain('express');
    for (const lazy of ['@langchain/openai', '@langchain/core/prompts', '@langchain/core/messages', 'ioredis']) {
      expect(atStart, lazy).not.toContain(lazy);
      expect(eventually, lazy).toContain(lazy);
    }
    // core/config.ts finds the project root from the file it is bundled in; keeping it in main.js keeps
    // the bundle simple: no lazily loaded module imports a value from it (issue #12 review).
    const holding = Object.keys(meta.outputs).filter((o) => 'core/config.ts' in meta.outputs[o].inputs);
    expect(holding).toEqual([entry]);
  });
});
