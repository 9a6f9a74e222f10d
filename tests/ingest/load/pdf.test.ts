/**
 * @module tests/ingest/load/pdf
 * The PDF loader gives the parser each page's text in page order — faithful enough that, whitespace aside,
 * it is the corpus .txt — and turns every way a PDF can be bad into a prompt DocumentError naming the file:
 * no crash, no hang, no pdf.js chatter on the console.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadPdf } from '../../../ingest/load/pdf.js';
import { DocumentError } from '../../../core/errors.js';
import { FIXTURES_DIR } from '../../support/paths.js';

const corpusDir = fileURLToPath(new URL('../../../corpus/', import.meta.url));
// PDF renderings of corpus documents (copied from the shared fixtures); PDF_FIXTURES_DIR overrides.
const pdfFixtureDir = process.env.PDF_FIXTURES_DIR ?? path.join(FIXTURES_DIR, 'pdf');
const fixture = (name: string): string => path.join(pdfFixtureDir, name);

/**
 * A one-page PDF built by hand, so each failure mode has an exact, tiny input: `encrypt` adds a standard
 * security handler whose /U cannot match the empty password (pdf.js then asks for one); `text: null` leaves the
 * page without a text layer, like a scan; `brokenXref` drops the xref table so pdf.js must repair (and warn).
 */
function minimalPdf(options: { text?: string | null; encrypt?: boolean; brokenXref?: boolean } = {}): Buffer {
  const content =
    options.text === null ? '0 0 m 100 100 l S' : `BT /F1 12 Tf 20 100 Td (${options.text ?? 'Hello page'}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  if (options.encrypt) {
    objects.push(`<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -4 >>`);
  }
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = pdf.length;
  if (!options.brokenXref) {
    pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  }
  const encrypt = options.encrypt
    ? ` /Encrypt ${objects.length} 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]`
    : '';
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encrypt} >>\nstartxref\n${options.brokenXref ? 99999 : xrefAt}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Whitespace-insensitive, and blind to where a line was wrapped after a hyphen ("co-\noperation"). */
const comparable = (text: string): string => text.replace(/\s+/g, ' ').replace(/- /g, '-').trim();

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'load-pdf-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('loadPdf on the fixture PDFs', () => {
  const cases = [
    {
      pdf: 'prague-1997-recommendations.pdf',
      txt: 'prague-1997-recommendations.txt',
      pageCount: 16,
      opening: 'CONFERENCE OF MINISTERS\nON THE PREVENTION OF ILLEGAL MIGRATION',
      // Recommendation 18 sits on page 9, starting a line.
      phrase: /^18\. Recommend that sanctions be introduced against carriers/m,
      phrasePage: 9,
    },
    {
      pdf: 'vienna-2005-bali-budapest-joint-meeting.pdf',
      txt: 'vienna-2005-bali-budapest-joint-meeting.txt',
      pageCount: 5,
      opening: '1. The joint meeting of the Bali and the Budapest Process',
      phrase: /^18\. UNHCR clarified its position on the link between trafficking and asylum/m,
      phrasePage: 5,
    },
  ];

  it.each(cases)('$pdf: $pageCount pages in order; the phrase is on page $phrasePage', async (c) => {
    const doc = await loadPdf(fixture(c.pdf));
    expect(doc.file).toBe(c.pdf);
    expect(doc.format).toBe('pdf');
    expect(doc.pages).toHaveLength(c.pageCount);
    expect(doc.pages[0].startsWith(c.opening)).toBe(true);
    expect(doc.pages.every((p) => p.trim().length > 0)).toBe(true);
    const pagesWithPhrase = doc.pages.flatMap((p, i) => (c.phrase.test(p) ? [i + 1] : []));
    expect(pagesWithPhrase).toEqual([c.phrasePage]);
  });

  it('finds "Recommend that sanctions be introduced against carriers" on a page of the Prague PDF', async () => {
    const doc = await loadPdf(fixture('prague-1997-recommendations.pdf'));
    expect(doc.pages.some((p) => p.includes('Recommend that sanctions be introduced against carriers'))).toBe(true);
  });

  it.each(cases)('$pdf: text equals $txt apart from line breaks and spacing', async (c) => {
    const doc = await loadPdf(fixture(c.pdf));
    const txt = await readFile(path.join(corpusDir, c.txt), 'utf8');
    expect(comparable(doc.pages.join('\n'))).toBe(comparable(txt));
  });
});

describe('loadPdf rejects bad PDFs promptly, naming the file', () => {
  it.each([
    {
      name: 'truncated-corrupt.pdf',
      bytes: () => readFile(fixture('truncated-corrupt.pdf')),
      reason: /corrupt or truncated/,
    },
    {
      name: 'html-error-page.pdf',
      bytes: async () => Buffer.from('<!doctype html><p>404</p>'),
      reason: /not a PDF \(no %PDF- header/,
    },
    { name: 'zero-bytes.pdf', bytes: async () => Buffer.alloc(0), reason: /not a PDF/ },
    {
      name: 'cut-after-header.pdf',
      bytes: async () => minimalPdf().subarray(0, 40),
      reason: /corrupt or truncated|malformed/,
    },
    {
      name: 'encrypted.pdf',
      bytes: async () => minimalPdf({ encrypt: true }),
      reason: /encrypted PDF \(a password is required/,
    },
    {
      name: 'scanned.pdf',
      bytes: async () => minimalPdf({ text: null }),
      reason: /no extractable text on any of its 1 page\(s\)/,
    },
  ])('$name → $reason', async ({ name, bytes, reason }) => {
    const file = path.join(tmp, name);
    await writeFile(file, await bytes());
    const started = performance.now();
    const err = await loadPdf(file).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(err).toBeInstanceOf(DocumentError);
    expect(err).toMatchObject({ code: 'UNREADABLE_DOCUMENT', file });
    expect((err as Error).message).toContain(name);
    expect((err as Error).message).toMatch(reason);
  });

  it('the shared corrupt fixture fails with UNREADABLE_DOCUMENT within a few seconds', async () => {
    const file = fixture('truncated-corrupt.pdf');
    const started = performance.now();
    await expect(loadPdf(file)).rejects.toMatchObject({
      name: 'DocumentError',
      code: 'UNREADABLE_DOCUMENT',
      message: expect.stringContaining('truncated-corrupt.pdf'),
    });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('a missing file is a DocumentError too', async () => {
    await expect(loadPdf(path.join(tmp, 'absent.pdf'))).rejects.toThrow(
      /absent\.pdf: cannot read file \(no such file\)/,
    );
  });

  it('gives up at the time limit, then cleans up without disturbing later loads', async () => {
    const file = fixture('prague-1997-recommendations.pdf');
    await expect(loadPdf(file, { timeoutMs: 1 })).rejects.toThrow(
      /prague-1997-recommendations\.pdf: PDF text extraction timed out after 1 ms/,
    );
    // The abandoned parse settles in the background; a fresh load must be unaffected.
    const doc = await loadPdf(file);
    expect(doc.pages).toHaveLength(16);
  });

  it('leaves the event loop free while it parses (timers keep firing, so the time limit can too)', async () => {
    const file = fixture('prague-1997-recommendations.pdf');
    await loadPdf(file); // warm: in-process pdf.js would now run the whole parse without yielding once
    let ticks = 0;
    const interval = setInterval(() => ticks++, 5);
    try {
      await loadPdf(file);
    } finally {
      clearInterval(interval);
    }
    expect(ticks).toBeGreaterThan(3);
  });

  it('repairs a PDF with a broken xref table, quietly', async () => {
    const file = path.join(tmp, 'broken-xref.pdf');
    await writeFile(file, minimalPdf({ brokenXref: true, text: 'Still readable' }));
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => {}),
    );
    const doc = await loadPdf(file);
    await loadPdf(fixture('truncated-corrupt.pdf')).catch(() => undefined);
    expect(doc.pages).toEqual(['Still readable']);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('copes with a PDF whose name has spaces and upper-case extension', async () => {
    const file = path.join(tmp, 'Vienna Report.PDF');
    await copyFile(fixture('vienna-2005-bali-budapest-joint-meeting.pdf'), file);
    const doc = await loadPdf(file);
    expect(doc).toMatchObject({ file: 'Vienna Report.PDF', format: 'pdf' });
    expect(doc.pages).toHaveLength(5);
  });
});
