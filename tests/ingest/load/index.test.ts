/**
 * @module tests/ingest/load/index
 * Which files count as documents, and that loadDocument sends each to the right loader — or refuses it with
 * a DocumentError ingest can report — whatever the corpus folder holds.
 */
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatOf, listCorpusFiles, loadDocument } from '../../../ingest/load/index.js';
import { ConfigError, DocumentError } from '../../../core/errors.js';
import { FIXTURES_DIR } from '../../support/paths.js';

const corpusDir = fileURLToPath(new URL('../../../corpus/', import.meta.url));
// PDF renderings of corpus documents (copied from the shared fixtures); PDF_FIXTURES_DIR overrides.
const pdfFixtureDir = process.env.PDF_FIXTURES_DIR ?? path.join(FIXTURES_DIR, 'pdf');

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'load-index-'));
  await writeFile(path.join(tmp, 'notes.txt'), 'Plain notes\n');
  await writeFile(path.join(tmp, 'guide.md'), '# Guide\n\nText\n');
  await writeFile(path.join(tmp, 'SHOUTING.TXT'), 'Upper-case extension\n');
  await copyFile(path.join(pdfFixtureDir, 'vienna-2005-bali-budapest-joint-meeting.pdf'), path.join(tmp, 'vienna.pdf'));
  await writeFile(path.join(tmp, 'report.docx'), 'PK\u0003\u0004');
  await writeFile(path.join(tmp, 'README'), 'no extension');
  await writeFile(path.join(tmp, 'manifest.json'), '{"documents": []}');
  await writeFile(path.join(tmp, '.hidden.txt'), 'dotfile');
  await writeFile(path.join(tmp, '.~lock.notes.md#'), 'editor lock');
  await mkdir(path.join(tmp, 'archive.txt')); // a folder with a document-like name
  await mkdir(path.join(tmp, 'sub'));
  await writeFile(path.join(tmp, 'sub', 'nested.txt'), 'not at top level');
  await symlink(path.join(tmp, 'notes.txt'), path.join(tmp, 'linked.txt'));
  await symlink(path.join(tmp, 'gone.txt'), path.join(tmp, 'dangling.txt'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('formatOf', () => {
  it.each([
    ['a.txt', 'txt'],
    ['a.md', 'md'],
    ['a.pdf', 'pdf'],
    ['A.PDF', 'pdf'],
    ['dir/a.b.Md', 'md'],
    ['a.docx', null],
    ['a.markdown', null],
    ['txt', null],
    ['a.txt.bak', null],
  ])('%s → %s', (name, format) => {
    expect(formatOf(name)).toBe(format);
  });
});

describe('loadDocument dispatches by extension', () => {
  it.each([
    { name: 'notes.txt', format: 'txt', pages: 1 },
    { name: 'guide.md', format: 'md', pages: 1 },
    { name: 'SHOUTING.TXT', format: 'txt', pages: 1 },
    { name: 'vienna.pdf', format: 'pdf', pages: 5 },
  ])('$name → $format', async ({ name, format, pages }) => {
    const doc = await loadDocument(path.join(tmp, name));
    expect(doc.file).toBe(name);
    expect(doc.format).toBe(format);
    expect(doc.pages).toHaveLength(pages);
  });

  it.each([
    { name: 'report.docx', reason: 'unsupported format ".docx" (expected .txt, .md, .pdf)' },
    { name: 'README', reason: 'unsupported format "(no extension)" (expected .txt, .md, .pdf)' },
  ])('$name → DocumentError "$reason"', async ({ name, reason }) => {
    const file = path.join(tmp, name);
    const err = await loadDocument(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentError);
    expect(err).toMatchObject({ code: 'UNREADABLE_DOCUMENT', file });
    expect((err as Error).message).toBe(`ingest: ${file}: ${reason}`);
  });

  it('passes the PDF time limit through', async () => {
    await expect(loadDocument(path.join(tmp, 'vienna.pdf'), { pdfTimeoutMs: 1 })).rejects.toThrow(
      /timed out after 1 ms/,
    );
  });
});

describe('listCorpusFiles', () => {
  it('lists only top-level .txt/.md/.pdf files (and links to them), sorted, as paths', async () => {
    const names = ['SHOUTING.TXT', 'guide.md', 'linked.txt', 'notes.txt', 'vienna.pdf'];
    expect(await listCorpusFiles(tmp)).toEqual(names.map((n) => path.join(tmp, n)));
  });

  it('lists the real corpus', async () => {
    const files = (await listCorpusFiles(corpusDir)).map((f) => path.basename(f));
    expect(files).toEqual([
      'budapest-process-30-years.txt',
      'budapest-process-call-for-action.txt',
      'prague-1997-recommendations.txt',
      'prague-2009-joint-declaration.txt',
      'vienna-2005-bali-budapest-joint-meeting.txt',
    ]);
  });

  it('an empty folder has no documents', async () => {
    const empty = path.join(tmp, 'sub-empty');
    await mkdir(empty);
    expect(await listCorpusFiles(empty)).toEqual([]);
  });

  it('a missing folder is a ConfigError naming it', async () => {
    const missing = path.join(tmp, 'no-such-corpus');
    const err = await listCorpusFiles(missing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(missing);
  });
});
