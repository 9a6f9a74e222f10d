/**
 * @module tests/ingest/load/txt
 * The text loader hands the parser exactly what is in the file — only BOM and line ends change — and turns
 * anything that is not UTF-8 text into a DocumentError naming the file, never into garbage in the index.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadText } from '../../../ingest/load/txt.js';
import { DocumentError } from '../../../core/errors.js';
import { FIXTURES_DIR } from '../../support/paths.js';

const corpusDir = fileURLToPath(new URL('../../../corpus/', import.meta.url));
// PDF renderings of corpus documents (copied from the shared fixtures); PDF_FIXTURES_DIR overrides.
const pdfFixtureDir = process.env.PDF_FIXTURES_DIR ?? path.join(FIXTURES_DIR, 'pdf');
const corpusTxtFiles = (await readdir(corpusDir)).filter((f) => f.endsWith('.txt')).sort();

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'load-txt-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function writeTmp(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(file, content);
  return file;
}

describe('loadText on the real corpus', () => {
  it('finds the corpus', () => {
    expect(corpusTxtFiles.length).toBeGreaterThanOrEqual(5);
  });

  it.each(corpusTxtFiles)('%s: one page, identical to the file apart from line ends', async (name) => {
    const file = path.join(corpusDir, name);
    const raw = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    const doc = await loadText(file, 'txt');
    expect(doc).toEqual({ file: name, format: 'txt', pages: [raw] });
  });
});

describe('loadText: decoding and pages', () => {
  it.each([
    { name: 'plain.txt', content: 'Hello\nworld\n', pages: ['Hello\nworld\n'] },
    { name: 'bom.txt', content: '\uFEFFHello', pages: ['Hello'] },
    { name: 'crlf.txt', content: 'a\r\nb\r\n\r\nc', pages: ['a\nb\n\nc'] },
    { name: 'cr.txt', content: 'a\rb\rc', pages: ['a\nb\nc'] },
    { name: 'unicode.txt', content: 'Co‑operation – “quoted” ’s façade', pages: ['Co‑operation – “quoted” ’s façade'] },
    { name: 'pages.txt', content: 'page one\fpage two\fpage three', pages: ['page one', 'page two', 'page three'] },
    { name: 'pdftotext.txt', content: 'one\n\ftwo\n\f', pages: ['one\n', 'two\n'] }, // trailing \f ends a page
    { name: 'blank-page.txt', content: 'one\f\fthree', pages: ['one', '', 'three'] }, // numbering stays true
    { name: 'crlf-pages.txt', content: '\uFEFFone\r\n\ftwo\r\n', pages: ['one\n', 'two\n'] },
  ])('$name → $pages.length page(s)', async ({ name, content, pages }) => {
    const doc = await loadText(await writeTmp(name, content), 'txt');
    expect(doc.pages).toEqual(pages);
    expect(doc.file).toBe(name);
  });

  it('loads Markdown as-is, marked md', async () => {
    const doc = await loadText(await writeTmp('guide.md', '# Title\r\n\r\n- item\r\n'), 'md');
    expect(doc).toEqual({ file: 'guide.md', format: 'md', pages: ['# Title\n\n- item\n'] });
  });
});

describe('loadText: rejects what is not UTF-8 text', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
  const latin1 = Uint8Array.from([...Buffer.from('caf'), 0xe9, ...Buffer.from(' au lait\n')]);
  const truncated = Uint8Array.from([...Buffer.from('ab'), 0xe2, 0x80]); // "–" cut short
  const overlong = Uint8Array.from([...Buffer.from('x'), 0xc0, 0xaf]);
  const utf16 = Uint8Array.from([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00]);

  it.each([
    { name: 'picture.txt', content: png, reason: /binary content, not text \(NUL byte at offset 8\)/ },
    { name: 'latin1.txt', content: latin1, reason: /not valid UTF-8 \(first bad byte at offset 3;/ },
    { name: 'truncated.txt', content: truncated, reason: /not valid UTF-8 \(first bad byte at offset 2;/ },
    { name: 'overlong.txt', content: overlong, reason: /not valid UTF-8 \(first bad byte at offset 1;/ },
    { name: 'utf16.txt', content: utf16, reason: /UTF-16 encoded text is not supported/ },
    { name: 'empty.txt', content: '', reason: /empty file/ },
    { name: 'blank.md', content: ' \n\t\r\n', reason: /empty file/ },
  ])('$name: $reason', async ({ name, content, reason }) => {
    const file = await writeTmp(name, content);
    const err = await loadText(file, 'txt').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentError);
    expect(err).toMatchObject({ code: 'UNREADABLE_DOCUMENT', file });
    expect((err as Error).message).toContain(name);
    expect((err as Error).message).toMatch(reason);
  });

  it('a PDF renamed .txt is rejected, naming the file', async () => {
    const file = await writeTmp(
      'renamed.txt',
      await readFile(path.join(pdfFixtureDir, 'prague-1997-recommendations.pdf')),
    );
    await expect(loadText(file, 'txt')).rejects.toThrow(/ingest: .*renamed\.txt: (binary content|not valid UTF-8)/);
  });

  it.each([
    {
      what: 'a missing file',
      setup: async () => path.join(tmp, 'nope.txt'),
      reason: /cannot read file \(no such file\)/,
    },
    {
      what: 'a directory',
      setup: async () => {
        const dir = path.join(tmp, 'folder.txt');
        await mkdir(dir, { recursive: true });
        return dir;
      },
      reason: /cannot read file \(is a directory\)/,
    },
  ])('$what → DocumentError', async ({ setup, reason }) => {
    const file = await setup();
    await expect(loadText(file, 'txt')).rejects.toMatchObject({
      code: 'UNREADABLE_DOCUMENT',
      message: expect.stringMatching(reason),
    });
  });
});
