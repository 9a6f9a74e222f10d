/**
 * @module ingest/load/txt
 * Loads plain-text and Markdown corpus files: strict UTF-8, BOM dropped, line ends made LF, and pages cut at
 * form feeds (the page separator `pdftotext` and most "save as text" exports write), so that page numbers
 * survive for citations. Text is otherwise returned exactly as stored: cleaning is the normalise stage's job.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DocumentError } from '../../core/errors.js';
import type { LoadedDocument } from '../../core/types.js';

/** Reads a .txt or .md file. `filePath` is also how errors name the file. */
export async function loadText(filePath: string, format: 'txt' | 'md'): Promise<LoadedDocument> {
  let bytes: Buffer;
  try {
    bytes = await readFile(filePath);
  } catch (err) {
    throw new DocumentError(filePath, `cannot read file (${describeFsError(err)})`, { cause: err });
  }
  const text = decodeText(bytes, filePath);
  return { file: path.basename(filePath), format, pages: splitPages(text) };
}

/**
 * Bytes → text. Throws DocumentError (naming `displayName`) for content that is not UTF-8 text, rather than
 * letting replacement characters or NULs flow into the index and into quotes shown to users.
 */
export function decodeText(bytes: Uint8Array, displayName: string): string {
  // UTF-16 files are full of NULs; name the actual problem so the fix (re-save as UTF-8) is obvious.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new DocumentError(displayName, 'UTF-16 encoded text is not supported (re-save the file as UTF-8)');
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new DocumentError(displayName, `binary content, not text (NUL byte at offset ${nul})`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (err) {
    const offset = firstInvalidUtf8Offset(bytes);
    throw new DocumentError(
      displayName,
      `not valid UTF-8 (first bad byte at offset ${offset}; Latin-1/Windows-1252 file? re-save it as UTF-8)`,
      { cause: err },
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new DocumentError(displayName, 'empty file (no text to index)');
  return text;
}

/**
 * Cuts text into pages at form feeds. A trailing form feed ends the last page rather than opening an empty
 * one (pdftotext writes one after every page); empty pages in the middle are kept so page numbers stay true.
 */
export function splitPages(text: string): string[] {
  if (!text.includes('\f')) return [text];
  const pages = text.split('\f');
  if (pages.length > 1 && pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}

/**
 * Offset of the first byte of the first malformed sequence, so users can find e.g. a stray Latin-1 "é".
 * Bisects with a streaming decoder (which accepts a prefix ending mid-character, so "prefix decodes" is
 * monotonic) to find where decoding breaks, then backs up to the start of that sequence. Error path only.
 */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const decodes = (end: number, stream: boolean): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream });
      return true;
    } catch {
      return false;
    }
  };
  // hi = length of the shortest prefix that fails; length + 1 when only a truncated last character is wrong.
  let hi = bytes.length + 1;
  if (!decodes(bytes.length, true)) {
    let lo = 0;
    hi = bytes.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (decodes(mid, true)) lo = mid;
      else hi = mid;
    }
  }
  // A UTF-8 sequence is at most 4 bytes, so the bad one starts within 4 bytes of where decoding broke.
  for (let start = Math.min(hi - 1, bytes.length); start >= Math.max(0, hi - 5); start--) {
    if (decodes(start, false)) return start;
  }
  return Math.max(0, hi - 1);
}

/** A short reason for a failed fs call: the errno in words where it is a common one. */
export function describeFsError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'is a directory';
    return code ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
