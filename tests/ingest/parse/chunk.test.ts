/**
 * @module tests/ingest/parse/chunk
 * chunkUnit: long units cut at sentence (or, for one over-long sentence, clause) boundaries only;
 * the chunks keep the unit's id and give back its text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { joinPages } from '../../../ingest/normalise/text.js';
import { chunkUnit } from '../../../ingest/parse/chunk.js';
import { parseDocument } from '../../../ingest/parse/index.js';
import { splitSentences } from '../../../core/text/sentences.js';
import type { DocumentMeta, Unit } from '../../../core/types.js';

const corpusDir = new URL('../../../corpus/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', corpusDir), 'utf8')) as { documents: DocumentMeta[] };
const allUnits = manifest.documents.flatMap((meta) =>
  parseDocument(meta, joinPages([readFileSync(new URL(meta.file, corpusDir), 'utf8')])),
);

function unitWith(text: string): Unit {
  return {
    id: 'doc:u-1',
    documentId: 'doc',
    label: 'U 1',
    kind: 'paragraph',
    number: 1,
    section: '',
    text,
    page: null,
    order: 0,
  };
}

/** Offsets in `text` where a sentence or a semicolon clause ends. */
function boundaries(text: string): Set<number> {
  return new Set([...splitSentences(text), ...splitSentences(text, { clauses: true })].map((s) => s.end));
}

describe.each([1000, 400])('chunkUnit over the whole corpus, at most %i characters', (maxChars) => {
  const chunked = allUnits.map((unit) => ({ unit, chunks: chunkUnit(unit, maxChars) }));

  it('splits some units (the limit bites)', () => {
    expect(chunked.filter((c) => c.chunks.length > 1).length).toBeGreaterThan(0);
  });

  it('keeps the unit id on every chunk and numbers parts from 0', () => {
    for (const { unit, chunks } of chunked) {
      expect(chunks.map((c) => c.unitId)).toEqual(chunks.map(() => unit.id));
      expect(chunks.map((c) => c.part)).toEqual(chunks.map((_, i) => i));
    }
  });

  it('chunks rejoin to the unit text', () => {
    for (const { unit, chunks } of chunked) expect(chunks.map((c) => c.text).join(' ')).toBe(unit.text);
  });

  it('cuts only where a sentence or clause ends', () => {
    for (const { unit, chunks } of chunked) {
      const ends = boundaries(unit.text);
      let offset = 0;
      for (const chunk of chunks.slice(0, -1)) {
        offset += chunk.text.length;
        expect(ends.has(offset), `${unit.id} cut at …${chunk.text.slice(-30)}`).toBe(true);
        offset += 1;
      }
    }
  });

  it('exceeds the limit only with a single sentence that cannot be cut', () => {
    for (const { chunks } of chunked) {
      for (const chunk of chunks.filter((c) => c.text.length > maxChars)) {
        expect(splitSentences(chunk.text, { clauses: true })).toHaveLength(1);
      }
    }
  });
});

describe('chunkUnit on small cases', () => {
  it('leaves a short unit whole', () => {
    expect(chunkUnit(unitWith('One sentence. Two sentences.'))).toEqual([
      { unitId: 'doc:u-1', part: 0, text: 'One sentence. Two sentences.' },
    ]);
  });

  it('packs whole sentences up to the limit', () => {
    const text = 'Alpha beta gamma. Delta epsilon zeta. Eta theta iota. Kappa lambda mu.';
    expect(chunkUnit(unitWith(text), 40).map((c) => c.text)).toEqual([
      'Alpha beta gamma. Delta epsilon zeta.',
      'Eta theta iota. Kappa lambda mu.',
    ]);
  });

  it('never cuts inside a sentence, even one longer than the limit', () => {
    const text = 'A sentence that is far longer than the tiny limit given here. Short one.';
    expect(chunkUnit(unitWith(text), 20).map((c) => c.text)).toEqual([
      'A sentence that is far longer than the tiny limit given here.',
      'Short one.',
    ]);
  });

  it('cuts an over-long sentence at its semicolons', () => {
    const text = 'Recommend that States do one thing; that they do another; and that they report.';
    expect(chunkUnit(unitWith(text), 40).map((c) => c.text)).toEqual([
      'Recommend that States do one thing;',
      'that they do another;',
      'and that they report.',
    ]);
  });

  it('does not treat abbreviations or list numbers as sentence ends', () => {
    const text = 'Activities i.a. include abuse of documents, e.g. forgery. See No. 15 of 1987 here.';
    expect(chunkUnit(unitWith(text), 30).map((c) => c.text)).toEqual([
      'Activities i.a. include abuse of documents, e.g. forgery.',
      'See No. 15 of 1987 here.',
    ]);
  });
});
