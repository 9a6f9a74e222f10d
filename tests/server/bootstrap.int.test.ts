import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServices } from '../../server/bootstrap.js';
import { indexState } from '../../ingest/ensure-index.js';
import { runIngest } from '../../ingest/pipeline.js';
import { IndexError } from '../../core/errors.js';
import { CORPUS_DIR, ROOT } from '../support/paths.js';
import { testConfig } from '../support/test-index.js';

describe('the index records its embedder', () => {
  it('a server configured for another embedder refuses the index and says to re-run ingest', async () => {
    const config = testConfig({
      embeddings: { provider: 'openai', model: 'text-embedding-3-small', timeoutMs: 1000 },
      openai: { ...testConfig().openai, apiKey: 'test', baseURL: 'http://127.0.0.1:9/v1' },
    });
    const err = await buildServices(config).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IndexError);
    expect((err as IndexError).code).toBe('INDEX_INCOMPATIBLE');
    expect((err as IndexError).message).toMatch(/npm run ingest/);
    expect(await indexState(config)).toBe('stale');
  });
});

describe('a new document dropped into the corpus', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bp-newdoc-'));
    const corpus = path.join(dir, 'corpus');
    await fs.mkdir(corpus);
    for (const name of await fs.readdir(CORPUS_DIR))
      await fs.copyFile(path.join(CORPUS_DIR, name), path.join(corpus, name));
    await fs.writeFile(
      path.join(corpus, 'guidelines-on-return-2024.md'),
      [
        '# Guidelines on Sustainable Return',
        '',
        'Adopted in Vienna on 3 March 2024.',
        '',
        '## Reintegration',
        '',
        'Returning migrants should receive counselling before departure. Host and origin countries share the cost of reintegration packages.',
        '',
        '## Monitoring',
        '',
        'Each partner publishes yearly figures on assisted voluntary departures and on the outcomes of reintegration support.',
        '',
      ].join('\n'),
    );
    await runIngest(
      testConfig({ corpusDir: corpus, indexDir: path.join(dir, 'index'), cacheDir: path.join(ROOT, '.cache') }),
    );
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('becomes searchable and citable after ingest, with metadata from its first lines', async () => {
    const services = await buildServices(
      testConfig({
        corpusDir: path.join(dir, 'corpus'),
        indexDir: path.join(dir, 'index'),
        cacheDir: path.join(ROOT, '.cache'),
      }),
    );
    const doc = services.catalogue.documents().find((d) => d.id === 'guidelines-on-return-2024');
    expect(doc).toMatchObject({
      title: expect.stringContaining('Guidelines on Sustainable Return'),
      date: '2024-03-03',
      place: 'Vienna',
    });
    expect(doc?.unitCount).toBeGreaterThanOrEqual(2);
    const result = await services.retriever.search({ query: 'who pays for reintegration packages?' });
    expect(result.hits[0].unit.documentId).toBe('guidelines-on-return-2024');
    expect(result.hits[0].unit.section).toMatch(/Reintegration/);
    const reply = await services.answerer.answer({
      question: 'Who pays for reintegration packages?',
      mode: 'extractive',
    });
    expect(reply.citations[0]?.documentId).toBe('guidelines-on-return-2024');
  });
});
