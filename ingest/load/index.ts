/**
 * @module ingest/load
 * The load stage's entry points: which files in the corpus folder are documents, and reading one of them
 * into pages of text whatever its format. Every per-file failure is a DocumentError naming the file, so that
 * ingest can report it and go on with the others.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, DocumentError } from '../../core/errors.js';
import type { LoadedDocument, SourceFormat } from '../../core/types.js';
import { loadPdf } from './pdf.js';
import { describeFsError, loadText } from './txt.js';

/** File extensions the loader reads (lower case; matching ignores case). */
export const SUPPORTED_EXTENSIONS: readonly string[] = ['.txt', '.md', '.pdf'];

export interface LoadOptions {
  /** Per-PDF extraction time limit; see DEFAULT_PDF_TIMEOUT_MS. */
  pdfTimeoutMs?: number;
}

/** The format a file name implies, or null when the loader cannot read it. */
export function formatOf(fileName: string): SourceFormat | null {
  switch (path.extname(fileName).toLowerCase()) {
    case '.txt':
      return 'txt';
    case '.md':
      return 'md';
    case '.pdf':
      return 'pdf';
    default:
      return null;
  }
}

/**
 * Loads one corpus file. `file` in the result is the bare file name (what manifest entries name);
 * errors name `filePath` as given, e.g. "corpus/x.pdf".
 */
export async function loadDocument(filePath: string, options: LoadOptions = {}): Promise<LoadedDocument> {
  const format = formatOf(filePath);
  switch (format) {
    case 'txt':
    case 'md':
      return loadText(filePath, format);
    case 'pdf':
      return loadPdf(filePath, { timeoutMs: options.pdfTimeoutMs });
    default: {
      const ext = path.extname(filePath);
      throw new DocumentError(
        filePath,
        `unsupported format "${ext || '(no extension)'}" (expected ${SUPPORTED_EXTENSIONS.join(', ')})`,
      );
    }
  }
}

/**
 * Paths (corpusDir joined with the file name) of the documents in `corpusDir`, sorted by name: only
 * .txt/.md/.pdf files directly inside it. Skips manifest.json, dotfiles (editor swap files, .DS_Store) and
 * subfolders. Symlinks count when they point at a file. Throws ConfigError when the folder cannot be read.
 */
export async function listCorpusFiles(corpusDir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(corpusDir, { withFileTypes: true });
  } catch (err) {
    throw new ConfigError(
      `load: corpus folder ${corpusDir}: cannot list it (${describeFsError(err)}); check CORPUS_DIR`,
    );
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || formatOf(entry.name) === null) continue;
    if (entry.isFile() || (entry.isSymbolicLink() && (await isFile(path.join(corpusDir, entry.name))))) {
      names.push(entry.name);
    }
  }
  // Code-unit order, not locale order: the same corpus must list the same way on every machine.
  names.sort();
  return names.map((name) => path.join(corpusDir, name));
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isFile();
  } catch {
    return false; // a dangling link is not a document
  }
}
