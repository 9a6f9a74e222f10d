/**
 * @module tests/layers.test
 * The import direction: core/ depends on nothing of ours, ingest/ and server/ on core/ only (never on each
 * other), bin/ wires them; the page and the client take only types from outside. Fails naming the import.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, LAYERS, layerViolations, repositoryImports, sourceFiles } from './support/import-layers.js';
import { ROOT } from './support/paths.js';

describe('import layering', () => {
  it('holds for every source file', () => {
    const edges = repositoryImports(ROOT);
    // Guard against a checker that finds nothing to check.
    expect(sourceFiles(ROOT).length).toBeGreaterThan(100);
    expect(edges.some((e) => e.from.startsWith('server/') && e.to.startsWith('core/'))).toBe(true);
    expect(edges.some((e) => e.from.startsWith('ingest/') && e.to.startsWith('core/'))).toBe(true);
    expect(layerViolations(edges)).toEqual([]);
  });

  it.each([
    ['ingest/pipeline.ts', "import { createApp } from '../server/app.js';", 'ingest/ may import only from'],
    ['server/app.ts', "import { runIngest } from '../ingest/pipeline.js';", 'server/ may import only from'],
    ['server/x.ts', "export { runIngest } from '../ingest/pipeline.js';", 'server/ may import only from'],
    ['server/x.ts', "const m = await import('../ingest/pipeline.js');", 'server/ may import only from'],
    ['core/errors.ts', "import type { Services } from '../server/services.js';", 'core/ may import only from'],
    ['web/src/api.ts', "import { errorBody } from '../../core/errors.js';", 'web/src/ may import only from'],
  ])('rejects %s importing: %s', (file, source, message) => {
    const problems = layerViolations(importsOf(file, source));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it.each([
    ['bin/start.ts', "import { ensureIndex } from '../ingest/ensure-index.js';"],
    ['server/app.ts', "import { AppError } from '../core/errors.js';"],
    ['web/src/types.ts', "import type { ChatReply } from '../../server/answer/types.js';"],
    ['client/index.ts', "import { type ErrorCode } from '../core/errors.js';"],
    ['server/app.ts', "import express from 'express';"],
  ])('allows %s importing: %s', (file, source) => {
    expect(importsOf(file, source)).toHaveLength(source.includes("'.") ? 1 : 0);
    expect(layerViolations(importsOf(file, source))).toEqual([]);
  });

  it('is the table docs/ARCHITECTURE.md shows', () => {
    const doc = readFileSync(path.join(ROOT, 'docs', 'ARCHITECTURE.md'), 'utf8');
    const folders = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const rows = doc
      .split('\n')
      .filter((line) => /^\| `[\w/]+\/`/.test(line))
      .map((line) => line.split('|').slice(1, -1))
      .map(([folder, mayImport, types]) => {
        const typesFrom = folders(types);
        return {
          folder: folders(folder)[0],
          mayImport: folders(mayImport),
          ...(typesFrom.length ? { mayImportTypes: typesFrom } : {}),
        };
      });
    expect(rows).toEqual(LAYERS);
  });
});
