/**
 * @module tests/support/small-index
 * A lexical index over a handful of made-up units of one test document, built as ingest builds it, for unit
 * tests of what reads the index (term statistics, spelling).
 */
import { buildLexicalIndex, type LexicalIndex } from '../../core/index/lexical.js';
import type { DocumentMeta, Unit } from '../../core/types.js';
import type { SearchHit } from '../../server/retrieve/types.js';

export const TEST_DOCUMENT: DocumentMeta = {
  id: 'd',
  file: 'd.txt',
  title: 'Test document',
  shortTitle: 'Test',
  aliases: [],
  date: null,
  place: null,
  kind: 'declaration',
};

/** A paragraph of the test document. */
export function testUnit(id: string, text: string, section = '', order = 0): Unit {
  return {
    id,
    documentId: TEST_DOCUMENT.id,
    label: id,
    kind: 'paragraph',
    number: null,
    section,
    text,
    page: null,
    order,
  };
}

export function smallIndex(units: Unit[]): LexicalIndex {
  return buildLexicalIndex(units, new Map([[TEST_DOCUMENT.id, TEST_DOCUMENT]]));
}

/** A search hit on a unit of the test document: a plain score, a lexical and a vector match, not referenced. */
export function testHit(unit: Unit, over: Partial<Omit<SearchHit, 'unit'>> = {}): SearchHit {
  return { unit, document: TEST_DOCUMENT, score: 1, lexical: 1, vector: 0.5, referenced: false, ...over };
}
