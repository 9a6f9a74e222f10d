/**
 * @module core/index/lexical
 * The lexical index over unit text, label, section and document title: which fields, how they weigh, and
 * how text becomes terms (terms.ts). Built at ingest with the BM25 engine (bm25.ts), written with its codec,
 * loaded by the server.
 */
import type { DocumentMeta, Unit } from '../types.js';
import { Bm25Index, buildBm25Data, type Bm25Document } from './bm25.js';
import { decodeBm25, encodeBm25 } from './bm25-codec.js';
import { tokenize, toTerm } from '../text/terms.js';

export const LEXICAL_FIELDS = ['text', 'label', 'section', 'title'] as const;

/** The fields that are the unit's own words (its terms for concept coverage); the title is its document's. */
export const UNIT_TERM_FIELDS = ['text', 'label', 'section'] as const;

/** Field weights: the unit's own words matter most; headings and titles help a question find its group. */
export const LEXICAL_BOOST = { text: 1, label: 1.5, section: 0.7, title: 0.3 } as const;

export type LexicalIndex = Bm25Index;

export function toLexicalDocument(unit: Unit, meta: DocumentMeta): Bm25Document {
  return {
    id: unit.id,
    group: unit.documentId,
    fields: { text: unit.text, label: unit.label, section: unit.section, title: `${meta.title} ${meta.shortTitle}` },
  };
}

export function buildLexicalIndex(units: readonly Unit[], metaById: Map<string, DocumentMeta>): LexicalIndex {
  const documents = units.map((u) => toLexicalDocument(u, metaById.get(u.documentId)!));
  const layout = { fields: LEXICAL_FIELDS, forwardFields: UNIT_TERM_FIELDS, sequenceField: 'text' };
  return new Bm25Index(buildBm25Data(documents, layout, { tokenize, toTerm }));
}

export function serialiseLexicalIndex(index: LexicalIndex): Buffer {
  return encodeBm25(index.data);
}

export function loadLexicalIndex(file: Buffer): LexicalIndex {
  return new Bm25Index(decodeBm25(file));
}
