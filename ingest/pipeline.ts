/**
 * @module ingest/pipeline
 * The ingest stage end to end: load → normalise → parse units → chunk → embed → index → swap in.
 * A file that cannot be read is reported and skipped; the index in service changes only when a new
 * build is complete, verified against its checksums and flushed to disk. A failed ingest removes its
 * half-written build; a killed one leaves it for the next ingest to prune.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Config } from '../core/config.js';
import { AppError, isAppError } from '../core/errors.js';
import { createEmbedder } from '../core/embed/select.js';
import type { TextEmbedder } from '../core/embed/types.js';
import { corpusFingerprint } from './index/fingerprint.js';
import {
  checkBuild,
  newBuildDir,
  pruneBuilds,
  readCurrentBuild,
  swapCurrentBuild,
  syncBuild,
} from '../core/index/layout.js';
import { buildLexicalIndex } from '../core/index/lexical.js';
import { buildCorpusLexicon } from './lexicon/corpus.js';
import { acquireIngestLock } from './index/lock.js';
import { writeIndex, type ChunkRef, type SkippedFile } from '../core/index/store.js';
import { buildVectorIndex } from '../core/index/vectors.js';
import { loadDocument } from './load/index.js';
import { readManifestReport } from './manifest.js';
import { joinPages } from './normalise/text.js';
import { chunkUnit } from './parse/chunk.js';
import { parseDocument } from './parse/index.js';
import type { DocumentMeta, Unit } from '../core/types.js';

export interface IngestReport {
  buildDir: string;
  documents: { id: string; file: string; units: number }[];
  skipped: SkippedFile[];
  unitCount: number;
  chunkCount: number;
  embedder: string;
  seconds: { total: number; parse: number; embed: number; index: number };
}

export interface IngestOptions {
  log?: (line: string) => void;
  /** How long to wait for another ingest on the same index folder before refusing. */
  lockWaitMs?: number;
  /** Called between stages; tests use it to simulate a crash mid-way ('written': complete, not yet in service). */
  onStage?: (stage: 'parsed' | 'embedded' | 'written') => void | Promise<void>;
}

interface ParsedCorpus {
  documents: DocumentMeta[];
  units: Unit[];
  skipped: SkippedFile[];
}

export async function parseCorpus(corpusDir: string, log: (line: string) => void = () => {}): Promise<ParsedCorpus> {
  const { documents: metas, warnings, loaded: preloaded } = await readManifestReport(corpusDir);
  for (const w of warnings) log(`warning: ${w}`);
  const documents: DocumentMeta[] = [];
  const units: Unit[] = [];
  const skipped: SkippedFile[] = [];
  for (const meta of metas) {
    try {
      // Files the manifest does not list were loaded already, to guess their metadata.
      const loaded = preloaded.get(meta.file) ?? (await loadDocument(path.join(corpusDir, meta.file)));
      const parsed = parseDocument(meta, joinPages(loaded.pages));
      if (parsed.length === 0) throw new AppError('UNREADABLE_DOCUMENT', `ingest: ${meta.file}: no text found`);
      documents.push(meta);
      units.push(...parsed);
    } catch (err) {
      // Recorded in the index manifest: named relative to the corpus, so the index says nothing of this machine.
      const reason = (err instanceof Error ? err.message : String(err)).split(`${corpusDir}${path.sep}`).join('');
      skipped.push({ file: meta.file, reason });
      log(`skipped ${meta.file}: ${reason}`);
    }
  }
  return { documents, units, skipped };
}

/** Embedding input for a chunk: the unit's heading and label give a short unit its context. */
export function embeddingText(unit: Unit, chunkText: string): string {
  return [unit.section, chunkText].filter(Boolean).join('. ');
}

export async function runIngest(config: Config, options: IngestOptions = {}): Promise<IngestReport> {
  const log = options.log ?? (() => {});
  const t0 = performance.now();
  const lock = await acquireIngestLock(config.indexDir, options.lockWaitMs ?? 0);
  let buildDir: string | null = null;
  let swapped = false;
  try {
    const corpus = await parseCorpus(config.corpusDir, log);
    if (corpus.units.length === 0) {
      throw new AppError(
        'EMPTY_CORPUS',
        `ingest: no readable documents in ${config.corpusDir}; add .txt, .md or .pdf files and run \`npm run ingest\``,
      );
    }
    await options.onStage?.('parsed');
    const tParsed = performance.now();

    const unitById = new Map(corpus.units.map((u) => [u.id, u]));
    const chunks = corpus.units.flatMap((u) => chunkUnit(u));
    const chunkTexts = chunks.map((c) => embeddingText(unitById.get(c.unitId)!, c.text));
    let embedder: TextEmbedder = await createEmbedder(config);
    let embedderState: unknown = null;
    if (embedder.fit) {
      embedderState = embedder.fit(chunkTexts);
      embedder = await createEmbedder(config, embedderState);
    }
    const vectors = await embedder.embedDocuments(chunkTexts);
    await options.onStage?.('embedded');
    const tEmbedded = performance.now();

    const metaById = new Map(corpus.documents.map((d) => [d.id, d]));
    buildDir = newBuildDir(config.indexDir);
    const chunkRefs: ChunkRef[] = chunks.map((c) => ({ unitId: c.unitId, part: c.part }));
    const manifest = await writeIndex(
      buildDir,
      {
        documents: corpus.documents,
        units: corpus.units,
        chunks: chunkRefs,
        vectors: buildVectorIndex(vectors, embedder.dimensions),
        lexical: buildLexicalIndex(corpus.units, metaById),
        lexicon: buildCorpusLexicon(corpus.units),
        embedderState,
      },
      {
        corpusFingerprint: await corpusFingerprint(config.corpusDir, embedder.id),
        embedder: { id: embedder.id, dimensions: embedder.dimensions },
        skipped: corpus.skipped,
      },
    );
    await syncBuild(buildDir);
    const damage = await checkBuild(buildDir);
    if (damage)
      throw new AppError('INDEX_CORRUPT', `ingest: the new index failed its check (${damage}); nothing was changed`);
    await options.onStage?.('written');
    const previous = await readCurrentBuild(config.indexDir);
    await swapCurrentBuild(config.indexDir, buildDir);
    swapped = true;
    await pruneBuilds(config.indexDir, [buildDir, ...(previous ? [previous] : [])]);
    const tDone = performance.now();
    const seconds = (ms: number) => Math.round(ms) / 1000;
    return {
      buildDir,
      documents: manifest.documents,
      skipped: corpus.skipped,
      unitCount: manifest.unitCount,
      chunkCount: manifest.chunkCount,
      embedder: embedder.id,
      seconds: {
        total: seconds(tDone - t0),
        parse: seconds(tParsed - t0),
        embed: seconds(tEmbedded - tParsed),
        index: seconds(tDone - tEmbedded),
      },
    };
  } catch (err) {
    if (buildDir && !swapped) await fs.rm(buildDir, { recursive: true, force: true }).catch(() => undefined);
    if (isAppError(err)) throw err;
    throw new AppError('INTERNAL', `ingest: failed: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  } finally {
    await lock.release();
  }
}
