/**
 * @module ingest/manifest
 * Document metadata: corpus/manifest.json, its schema and validation, completed with metadata guessed from
 * the text of any corpus file the manifest does not name (guess-metadata.ts) — so that dropping a file into
 * corpus/ is enough to have it indexed. `readManifest` does the I/O; validation (`parseManifest`) and
 * completion (`completeManifest`) are pure.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigError, isAppError } from '../core/errors.js';
import { formatOf, listCorpusFiles, loadDocument } from './load/index.js';
import { describeFsError } from './load/txt.js';
import { HEAD_CHARS, isCalendarDate, metaFromFile, shortTitleFor, stemOf, truncate } from './guess-metadata.js';
import type { DocumentKind, DocumentMeta, LoadedDocument, StructureKind } from '../core/types.js';

export const MANIFEST_FILE = 'manifest.json';

// Records, not arrays, so the compiler insists on every member of the unions in core/types.ts.
const KINDS: Record<DocumentKind, true> = {
  recommendations: true,
  'meeting report': true,
  declaration: true,
  'action plan': true,
  publication: true,
  document: true,
};
const STRUCTURES: Record<StructureKind, true> = {
  recommendations: true,
  'numbered-paragraphs': true,
  'priority-goals': true,
  'lettered-clauses': true,
  headings: true,
};

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date "YYYY-MM-DD" or null')
  .refine((s) => isCalendarDate(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))), {
    message: 'is not a real calendar date',
  });

const entrySchema = z.strictObject({
  id: z.string().regex(SLUG, 'must be a lowercase slug like "prague-1997"'),
  file: z
    .string()
    .min(1)
    // Entries name files directly inside corpus/; a path could reach outside it.
    .refine((f) => !/[\\/]/.test(f) && !f.startsWith('.'), {
      message: 'must be a file name inside corpus/, not a path',
    })
    .refine((f) => formatOf(f) !== null, { message: 'must end in .txt, .md or .pdf' }),
  title: z.string().trim().min(1),
  shortTitle: z.string().trim().min(1).optional(),
  aliases: z.array(z.string().trim().min(1)).default([]),
  date: isoDate.nullable().default(null),
  // For a document whose own text gives no full date: the year, stated by another document of the corpus.
  year: z.number().int().min(1000).max(9999).optional(),
  dateSource: z.string().trim().min(1).max(500).optional(),
  place: z.string().trim().min(1).nullable().default(null),
  kind: z.enum(Object.keys(KINDS) as [DocumentKind, ...DocumentKind[]]).default('document'),
  structure: z.enum(Object.keys(STRUCTURES) as [StructureKind, ...StructureKind[]]).optional(),
  // Ids of other entries whose history this document tells (see DocumentMeta.recounts).
  recounts: z.array(z.string().trim().min(1)).optional(),
});

/** The shape of corpus/manifest.json. Optional fields get the defaults a guessed entry would have. */
export const manifestSchema = z.strictObject({ documents: z.array(entrySchema) }).superRefine((manifest, ctx) => {
  manifest.documents.forEach((doc, i) => {
    if (doc.date && doc.year !== undefined && Number(doc.date.slice(0, 4)) !== doc.year) {
      ctx.addIssue({ code: 'custom', path: ['documents', i, 'year'], message: `is not the year of date ${doc.date}` });
    }
  });
  const ids = new Set(manifest.documents.map((d) => d.id));
  manifest.documents.forEach((doc, i) => {
    (doc.recounts ?? []).forEach((id, j) => {
      if (!ids.has(id) || id === doc.id)
        ctx.addIssue({
          code: 'custom',
          path: ['documents', i, 'recounts', j],
          message: id === doc.id ? 'names the document itself' : `names no document of the manifest ("${id}")`,
        });
    });
  });
  for (const key of ['id', 'file'] as const) {
    const first = new Map<string, number>();
    manifest.documents.forEach((doc, i) => {
      const seen = first.get(doc[key]);
      if (seen === undefined) first.set(doc[key], i);
      else
        ctx.addIssue({ code: 'custom', path: ['documents', i, key], message: `duplicates documents[${seen}].${key}` });
    });
  }
});

export type Manifest = z.infer<typeof manifestSchema>;

/** Validated entries, with defaults filled in. Throws ConfigError naming the file, the field and the bad value. */
export function parseManifest(json: string, manifestPath: string): DocumentMeta[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new ConfigError(
      `manifest: ${manifestPath}: not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => describeIssue(raw, issue));
    const more = parsed.error.issues.length > 5 ? `; and ${parsed.error.issues.length - 5} more` : '';
    throw new ConfigError(`manifest: ${manifestPath}: ${issues.join('; ')}${more}`);
  }
  return parsed.data.documents.map((entry) => {
    const { structure, shortTitle, year, dateSource, recounts, ...rest } = entry;
    const meta: DocumentMeta = { ...rest, shortTitle: shortTitle ?? shortTitleFor(entry.title, stemOf(entry.file)) };
    const knownYear = year ?? (entry.date ? Number(entry.date.slice(0, 4)) : undefined);
    // Absent, not undefined, when unknown: guessed entries and older indexes look the same.
    if (knownYear !== undefined) meta.year = knownYear;
    if (dateSource) meta.dateSource = dateSource;
    if (structure) meta.structure = structure; // absent, not undefined: the parser's detection decides
    if (recounts?.length) meta.recounts = recounts;
    return meta;
  });
}

function describeIssue(raw: unknown, issue: z.core.$ZodIssue): string {
  const where = issue.path.length === 0 ? '(top level)' : formatPath(raw, issue.path);
  const value = valueAt(raw, issue.path);
  const got =
    issue.code === 'unrecognized_keys' || issue.path.length === 0
      ? ''
      : value === undefined
        ? ' (missing)'
        : ` (got ${truncate(JSON.stringify(value) ?? String(value), 60)})`;
  return `${where}: ${issue.message}${got}`;
}

/** `documents[1] ("vienna-2005").date`: the index locates the entry, the id lets people recognise it. */
function formatPath(raw: unknown, keys: readonly PropertyKey[]): string {
  let out = '';
  keys.forEach((key, i) => {
    out += typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`;
    if (i === 1 && keys[0] === 'documents' && typeof key === 'number') {
      const id = valueAt(raw, ['documents', key, 'id']);
      if (typeof id === 'string') out += ` (${JSON.stringify(id)})`;
    }
  });
  return out;
}

function valueAt(raw: unknown, keys: readonly PropertyKey[]): unknown {
  let node = raw;
  for (const key of keys) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

export interface ManifestCompletion {
  /** Manifest entries whose file exists, in manifest order, then guessed entries for the other files by name. */
  documents: DocumentMeta[];
  /** Things a person should look at; none of them stops ingest. */
  warnings: string[];
}

/**
 * Pure completion. `corpusFiles` are file names in the corpus folder; `firstTexts` holds the opening text of
 * each file the manifest does not name (missing → guessed from the file name alone).
 */
export function completeManifest(
  entries: readonly DocumentMeta[],
  corpusFiles: readonly string[],
  firstTexts: ReadonlyMap<string, string> = new Map(),
): ManifestCompletion {
  const present = new Set(corpusFiles);
  const documents: DocumentMeta[] = [];
  const warnings: string[] = [];
  for (const entry of entries) {
    if (present.has(entry.file)) documents.push(entry);
    else warnings.push(`manifest: entry "${entry.id}" names ${entry.file}, which is not in the corpus folder; skipped`);
  }
  const listed = new Set(entries.map((e) => e.file));
  // Guessed ids must not take one the manifest uses, even for an entry skipped above (its file may come back).
  const ids = new Set(entries.map((e) => e.id));
  for (const file of [...corpusFiles].sort()) {
    if (listed.has(file)) continue;
    const meta = metaFromFile(file, firstTexts.get(file) ?? '');
    if (ids.has(meta.id)) {
      let n = 2;
      while (ids.has(`${meta.id}-${n}`)) n++;
      warnings.push(`manifest: ${file} would get id "${meta.id}", already taken; using "${meta.id}-${n}"`);
      meta.id = `${meta.id}-${n}`;
    }
    ids.add(meta.id);
    warnings.push(
      `manifest: ${file} is not in ${MANIFEST_FILE}; guessed id "${meta.id}", title ${JSON.stringify(meta.title)}, ` +
        `date ${meta.date ?? 'none'}, place ${meta.place ?? 'none'} (add an entry to set them)`,
    );
    documents.push(meta);
  }
  return { documents, warnings };
}

export interface ReadManifestOptions {
  /** Receives each warning (missing files, guessed entries). Default: ignored. */
  onWarning?: (message: string) => void;
}

/**
 * The corpus's documents: `corpusDir/manifest.json` (optional; absent = empty) completed for every corpus
 * file it does not name. Throws ConfigError for an invalid manifest; a missing or unreadable file is a warning.
 */
export async function readManifest(corpusDir: string, options: ReadManifestOptions = {}): Promise<DocumentMeta[]> {
  const { documents, warnings } = await readManifestReport(corpusDir);
  if (options.onWarning) warnings.forEach(options.onWarning);
  return documents;
}

export interface ManifestReport extends ManifestCompletion {
  /**
   * The unlisted files loaded to guess their metadata, by file name, so that ingest need not load them again.
   * A file that failed to load is absent (the load stage reports it).
   */
  loaded: Map<string, LoadedDocument>;
}

/** readManifest, returning the warnings (and the documents it had to load) alongside the documents. */
export async function readManifestReport(corpusDir: string): Promise<ManifestReport> {
  const manifestPath = path.join(corpusDir, MANIFEST_FILE);
  let entries: DocumentMeta[] = [];
  try {
    entries = parseManifest(await readFile(manifestPath, 'utf8'), manifestPath);
  } catch (err) {
    if (isAppError(err)) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(`manifest: ${manifestPath}: cannot read it (${describeFsError(err)})`);
    }
  }
  const files = (await listCorpusFiles(corpusDir)).map((p) => path.basename(p));
  const listed = new Set(entries.map((e) => e.file));
  const firstTexts = new Map<string, string>();
  const loaded = new Map<string, LoadedDocument>();
  const loadWarnings: string[] = [];
  for (const file of files) {
    if (listed.has(file)) continue;
    try {
      const doc = await loadDocument(path.join(corpusDir, file));
      loaded.set(file, doc);
      firstTexts.set(file, doc.pages.join('\n').slice(0, HEAD_CHARS));
    } catch (err) {
      // The load stage will report and skip the file; here it only costs us the guesses from its text.
      loadWarnings.push(
        `manifest: ${file}: metadata guessed from the file name only (${err instanceof Error ? err.message : String(err)})`,
      );
    }
  }
  const completion = completeManifest(entries, files, firstTexts);
  return { documents: completion.documents, warnings: [...completion.warnings, ...loadWarnings], loaded };
}
