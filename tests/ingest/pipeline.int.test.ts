import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIndex } from '../../core/index/store.js';
import { runIngest, type IngestReport } from '../../ingest/pipeline.js';
import { loadConfig } from '../../core/config.js';
import { CORPUS_DIR, FIXTURES_DIR, ROOT } from '../support/paths.js';

const manifest = JSON.parse(await fs.readFile(path.join(CORPUS_DIR, 'manifest.json'), 'utf8')) as {
  documents: { id: string; file: string }[];
};

describe('ingest of PDF renderings', () => {
  let dir: string;
  let report: IngestReport;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bp-pdf-'));
    const corpus = path.join(dir, 'corpus');
    await fs.mkdir(corpus);
    for (const name of [
      'prague-1997-recommendations.pdf',
      'vienna-2005-bali-budapest-joint-meeting.pdf',
      'truncated-corrupt.pdf',
    ]) {
      await fs.copyFile(path.join(FIXTURES_DIR, 'pdf', name), path.join(corpus, name));
    }
    // The same manifest entries, pointing at the PDFs instead of the .txt files.
    const documents = manifest.documents
      .filter((d) => d.id === 'prague-1997' || d.id === 'vienna-2005')
      .map((d) => ({ ...d, file: d.file.replace(/\.txt$/, '.pdf') }));
    await fs.writeFile(path.join(corpus, 'manifest.json'), JSON.stringify({ documents }));
    const config = loadConfig({
      CORPUS_DIR: corpus,
      INDEX_DIR: path.join(dir, 'index'),
      CACHE_DIR: path.join(ROOT, '.cache'),
    });
    report = await runIngest(config);
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('reports the corrupt PDF by name and skips it', () => {
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0].file).toBe('truncated-corrupt.pdf');
    expect(report.skipped[0].reason).toMatch(/truncated-corrupt\.pdf/);
  });

  it('yields the same 55 recommendations as the .txt, each with its page', async () => {
    const index = await loadIndex(path.join(dir, 'index'));
    const recs = index.units.filter((u) => u.documentId === 'prague-1997' && u.kind === 'recommendation');
    expect(recs.map((u) => u.number)).toEqual(Array.from({ length: 55 }, (_, i) => i + 1));
    expect(recs.every((u) => typeof u.page === 'number' && u.page >= 1)).toBe(true);
    const rec18 = recs.find((u) => u.number === 18)!;
    expect(rec18.text).toMatch(/^Recommend that sanctions be introduced against carriers/);
    expect(rec18.page).toBe(9);

    const txt = await loadIndex(path.join(ROOT, '.cache', 'test-index'));
    const txtRecs = txt.units.filter((u) => u.documentId === 'prague-1997' && u.kind === 'recommendation');
    expect(recs.map((u) => u.text)).toEqual(txtRecs.map((u) => u.text));
  });

  it('gives every Vienna paragraph a page', async () => {
    const index = await loadIndex(path.join(dir, 'index'));
    const paras = index.units.filter((u) => u.documentId === 'vienna-2005');
    expect(paras).toHaveLength(19);
    expect(paras.every((u) => u.page !== null)).toBe(true);
  });
});
