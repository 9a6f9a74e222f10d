/**
 * @module ingest/load/pdf
 * Loads a PDF's text layer page by page with pdf-parse v2 (pdf.js). Whatever a PDF does — corrupt, truncated,
 * encrypted, image-only, or pathological enough to stall pdf.js or exhaust memory — the result is either pages
 * or a DocumentError naming the file: ingest reports it and carries on with the other documents.
 *
 * Extraction runs in a worker thread, one per PDF. In Node, pdf.js runs its "worker" on the main thread and a
 * warm parse never yields to the event loop (a 16-page PDF: ~150 ms, zero timer ticks), so an in-process
 * timeout could not fire during a stall, and the server would stop answering while ingest parses. A thread
 * gives a hard time limit (terminate), a memory cap, and a console of its own for pdf.js's chatter.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DocumentError } from '../../core/errors.js';
import { collapseWhitespace } from '../normalise/text.js';
import type { LoadedDocument } from '../../core/types.js';
import { describeFsError } from './txt.js';

/** Generous for real documents (the 16-page fixture takes about half a second); only stalls hit it. */
export const DEFAULT_PDF_TIMEOUT_MS = 30_000;
/** Heap cap for one extraction; a PDF that needs more is treated as unreadable rather than taking ingest down. */
const WORKER_HEAP_MB = 512;

export interface PdfLoadOptions {
  /** Give up on the PDF after this long. Default DEFAULT_PDF_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** Reads a PDF and extracts its text, one string per page in page order. `filePath` is how errors name it. */
export async function loadPdf(filePath: string, options: PdfLoadOptions = {}): Promise<LoadedDocument> {
  let bytes: Buffer;
  try {
    bytes = await readFile(filePath);
  } catch (err) {
    throw new DocumentError(filePath, `cannot read file (${describeFsError(err)})`, { cause: err });
  }
  const pages = await extractPdfPages(bytes, filePath, options);
  return { file: path.basename(filePath), format: 'pdf', pages };
}

/**
 * The worker: plain CommonJS source rather than a module file, so it runs the same from tsx, vitest and an
 * esbuild bundle (a function's toString() would carry whatever helpers a transform injected). pdf-parse is
 * required by the path the main thread resolved. Verbosity ERRORS keeps pdf.js's repair notes out of even the
 * worker's console; isEvalSupported: false because corpus PDFs are untrusted input (cf. CVE-2024-4367).
 */
const WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { PDFParse, VerbosityLevel } = require(workerData.entry);
(async () => {
  const parser = new PDFParse({ data: workerData.data, verbosity: VerbosityLevel.ERRORS, isEvalSupported: false });
  try {
    const result = await parser.getText({ pageJoiner: '' });
    const pages = result.pages.slice().sort((a, b) => a.num - b.num).map((p) => p.text);
    parentPort.postMessage({ ok: true, pages });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    parentPort.postMessage({ ok: false, name: e.name, message: e.message });
  } finally {
    await parser.destroy().catch(() => {});
  }
})();
`;

type WorkerReply = { ok: true; pages: string[] } | { ok: false; name: string; message: string };

type Outcome =
  | { kind: 'reply'; reply: WorkerReply }
  | { kind: 'error'; error: Error }
  | { kind: 'exit'; code: number }
  | { kind: 'timeout' };

let pdfParseEntry: string | undefined;

/** Text of each page of the PDF in `data`. Throws DocumentError naming `displayName`. */
export async function extractPdfPages(
  data: Uint8Array,
  displayName: string,
  options: PdfLoadOptions = {},
): Promise<string[]> {
  // pdf.js "repairs" almost anything; checking the signature first gives HTML error pages, Word files and the
  // like saved as .pdf a clear reason. The spec lets the header sit anywhere in the first 1024 bytes.
  if (!Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, 1024)).includes('%PDF-')) {
    throw new DocumentError(displayName, 'not a PDF (no %PDF- header in the first 1024 bytes)');
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS;
  const bytes = new Uint8Array(data); // a copy to hand over: the caller's buffer stays usable

  let worker: Worker;
  try {
    pdfParseEntry ??= createRequire(import.meta.url).resolve('pdf-parse');
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { entry: pdfParseEntry, data: bytes },
      transferList: [bytes.buffer],
      stdout: true, // captured, not forwarded: nothing pdf.js prints reaches our stdout/stderr
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
  } catch (err) {
    throw new DocumentError(displayName, `could not start PDF text extraction (${errorText(err)})`, { cause: err });
  }
  worker.stdout.resume();
  let stderr = '';
  worker.stderr.setEncoding('utf8');
  worker.stderr.on('data', (chunk: string) => {
    if (stderr.length < 4000) stderr += chunk; // kept only to explain a crash
  });

  const outcome = await new Promise<Outcome>((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
    const settle = (o: Outcome): void => {
      clearTimeout(timer);
      resolve(o);
    };
    worker.once('message', (reply: unknown) =>
      settle(
        isWorkerReply(reply)
          ? { kind: 'reply', reply }
          : { kind: 'error', error: new Error('malformed reply from worker') },
      ),
    );
    worker.once('error', (error: Error) => settle({ kind: 'error', error }));
    worker.once('exit', (code: number) => settle({ kind: 'exit', code }));
  });
  // Always: a timed-out worker is still parsing, and a finished one may still be tearing pdf.js down.
  await worker.terminate();

  switch (outcome.kind) {
    case 'timeout':
      throw new DocumentError(displayName, `PDF text extraction timed out after ${timeoutMs} ms`);
    case 'error': {
      const code = (outcome.error as NodeJS.ErrnoException).code;
      const reason =
        code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `PDF text extraction ran out of memory (limit ${WORKER_HEAP_MB} MB)`
          : `PDF text extraction failed (${errorText(outcome.error)})`;
      throw new DocumentError(displayName, reason, { cause: outcome.error });
    }
    case 'exit': {
      const said = lastLine(stderr);
      throw new DocumentError(
        displayName,
        `PDF text extraction stopped unexpectedly (exit code ${outcome.code}${said ? `: ${said}` : ''})`,
      );
    }
    case 'reply':
      break;
  }
  const { reply } = outcome;
  if (!reply.ok) throw new DocumentError(displayName, reasonFor(reply.name, reply.message));

  const pages = reply.pages;
  if (pages.length === 0) throw new DocumentError(displayName, 'PDF has no pages');
  if (pages.every((p) => p.trim() === '')) {
    throw new DocumentError(
      displayName,
      `no extractable text on any of its ${pages.length} page(s) (scanned images? run OCR first)`,
    );
  }
  return pages;
}

function isWorkerReply(value: unknown): value is WorkerReply {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.ok === true) return Array.isArray(v.pages) && v.pages.every((p) => typeof p === 'string');
  return v.ok === false && typeof v.name === 'string' && typeof v.message === 'string';
}

/** A short, single-line reason for a pdf.js / pdf-parse failure, told apart by the error's name. */
function reasonFor(name: string, message: string): string {
  const detail = oneLine(message);
  switch (name) {
    case 'PasswordException':
      return 'encrypted PDF (a password is required to read it)';
    case 'InvalidPDFException':
      return `not a readable PDF, corrupt or truncated (${detail})`;
    case 'FormatError':
      return `malformed PDF (${detail})`;
    default:
      return `could not extract text (${name ? `${name}: ` : ''}${detail})`;
  }
}

function errorText(err: unknown): string {
  return oneLine(err instanceof Error ? err.message : String(err));
}

function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return oneLine(lines[lines.length - 1] ?? '');
}

function oneLine(text: string): string {
  const flat = collapseWhitespace(text);
  return flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
}
