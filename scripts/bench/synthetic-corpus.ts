/**
 * @module scripts/bench/synthetic-corpus
 * Builds a synthetic corpus of N units for the scale benchmark: paragraphs recombined from the real corpus's
 * sentences with a seeded PRNG, written as numbered-paragraph .txt files (≤ 500 paragraphs each, as the
 * parser reads numbers of up to three digits) plus a manifest.json, so the real ingest pipeline parses,
 * embeds and indexes them exactly as it would real documents. Same seed → byte-identical corpus.
 *
 * As a command (for profiling one ingest on its own):
 *   tsx scripts/bench/synthetic-corpus.ts --units 100000 --out /tmp/synthetic
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { parseCorpus } from '../../ingest/pipeline.js';
import { splitSentences } from '../../core/text/sentences.js';
import { intBetween, pick, seededRandom } from './random.js';

export const DEFAULT_SEED = 20_240_607;
/** Paragraph numbers above 999 are not read as markers; 500 keeps files a realistic size too. */
export const UNITS_PER_FILE = 500;

export interface SyntheticCorpusOptions {
  /** Units (paragraphs) to write in total. */
  units: number;
  /** Output folder; created, and emptied of earlier synthetic files. */
  dir: string;
  /** Folder of the real corpus whose sentences are recombined. */
  sourceDir: string;
  seed?: number;
}

export interface SyntheticCorpus {
  dir: string;
  files: number;
  units: number;
  bytes: number;
  /** The sentence pool the paragraphs were drawn from; the scale benchmark samples its queries from it too. */
  sentences: string[];
}

/**
 * Sentences and clauses of the real corpus, each made to stand alone in a paragraph: long enough to say
 * something, without line breaks or a leading list marker, capitalised and ending with a full stop (so the
 * parser sees every paragraph end). Clauses count too: many units are one long sentence of semicolon-separated
 * clauses, and whole sentences alone give only ~200 distinct pieces, too few to avoid duplicate paragraphs.
 */
export async function sentencePool(sourceDir: string): Promise<string[]> {
  const { units } = await parseCorpus(sourceDir);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const unit of units) {
    for (const span of splitSentences(unit.text, { clauses: true })) {
      let s = span.text
        .replace(/\s+/g, ' ')
        .replace(/^(?:\(?[a-z0-9]{1,3}[.)]\s+|[-•–]\s*)+/i, '')
        .replace(/(?<![\s;:,])[\s;:,]+$/, '')
        .trim();
      if (s.length < 40 || s.length > 500) continue;
      s = s[0].toUpperCase() + s.slice(1);
      if (!/[.!?]["'”’)]*$/.test(s)) s += '.';
      if (seen.has(s)) continue;
      seen.add(s);
      out.push(s);
    }
  }
  if (out.length === 0) throw new Error(`synthetic corpus: no usable sentences in ${sourceDir}`);
  return out;
}

/**
 * One paragraph: 2–3 pieces drawn independently (~500 characters, against ~330 for a real unit). Two at
 * least, so identical paragraphs (equal vectors, which make nearest-neighbour recall ambiguous) stay a few
 * per cent even at 100k units; sharing one piece is common, as near-duplicate passages are in real corpora.
 */
function paragraph(random: () => number, pool: readonly string[]): string {
  const n = intBetween(random, 2, 3);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(pick(random, pool));
  return parts.join(' ');
}

function fileName(index: number): string {
  return `synthetic-${String(index + 1).padStart(4, '0')}.txt`;
}

export async function writeSyntheticCorpus(options: SyntheticCorpusOptions): Promise<SyntheticCorpus> {
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const pool = await sentencePool(options.sourceDir);
  await fs.mkdir(options.dir, { recursive: true });
  for (const name of await fs.readdir(options.dir)) {
    if (/^synthetic-\d+\.txt$/.test(name) || name === 'manifest.json') await fs.rm(path.join(options.dir, name));
  }
  const files = Math.max(1, Math.ceil(options.units / UNITS_PER_FILE));
  const documents: object[] = [];
  let bytes = 0;
  let written = 0;
  for (let f = 0; f < files; f++) {
    const count = Math.min(UNITS_PER_FILE, options.units - written);
    const lines: string[] = [];
    // One paragraph per line, blank line between: "12. Text…". Every paragraph ends a sentence, so the
    // next number always starts a new item (see canStartItem in ingest/parse/markers.ts).
    for (let p = 1; p <= count; p++) lines.push(`${p}. ${paragraph(random, pool)}`, '');
    const body = lines.join('\n');
    await fs.writeFile(path.join(options.dir, fileName(f)), body);
    bytes += Buffer.byteLength(body);
    written += count;
    documents.push({
      id: `synthetic-${f + 1}`,
      file: fileName(f),
      title: `Synthetic part ${f + 1}`,
      shortTitle: `Synthetic part ${f + 1}`,
      aliases: [],
      kind: 'document',
      // Named, not detected: detection would scan every file once more for nothing.
      structure: 'numbered-paragraphs',
    });
  }
  const manifest = JSON.stringify({ documents }, null, 2);
  await fs.writeFile(path.join(options.dir, 'manifest.json'), manifest);
  return { dir: options.dir, files, units: written, bytes: bytes + Buffer.byteLength(manifest), sentences: pool };
}

async function main(): Promise<void> {
  const opts = new Command()
    .requiredOption('--units <n>', 'units to write')
    .requiredOption('--out <dir>', 'output folder')
    .option('--source <dir>', 'real corpus to recombine', 'corpus')
    .option('--seed <n>', 'PRNG seed', String(DEFAULT_SEED))
    .parse()
    .opts<{ units: string; out: string; source: string; seed: string }>();
  const corpus = await writeSyntheticCorpus({
    units: Number(opts.units),
    dir: path.resolve(opts.out),
    sourceDir: path.resolve(opts.source),
    seed: Number(opts.seed),
  });
  process.stdout.write(
    `${corpus.units} units in ${corpus.files} files (${(corpus.bytes / 1e6).toFixed(1)} MB) → ${corpus.dir}\n`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
