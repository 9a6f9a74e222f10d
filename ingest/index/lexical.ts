/**
 * @module ingest/index/lexical
 * The BM25 index (minisearch) over unit text, label, section and document title. Built at ingest,
 * serialised with the index, and loaded by the server with the same options.
 */
import MiniSearch, { type Options } from 'minisearch';
import type { DocumentMeta, Unit } from '../types.js';
import { tokenize, toTerm } from './terms.js';

export interface LexicalDoc {
  id: string;
  documentId: string;
  text: string;
  label: string;
  section: string;
  title: string;
}

export const LEXICAL_FIELDS = ['text', 'label', 'section', 'title'] as const;

/** Field weights: the unit's own words matter most; headings and titles help a question find its group. */
export const LEXICAL_BOOST = { text: 1, label: 1.5, section: 0.7, title: 0.3 } as const;

export const lexicalOptions: Options<LexicalDoc> = {
  idField: 'id',
  fields: [...LEXICAL_FIELDS],
  storeFields: ['documentId'],
  tokenize: (text) => tokenize(text),
  processTerm: (term) => toTerm(term) ?? null,
};

export type LexicalIndex = MiniSearch<LexicalDoc>;

export function toLexicalDoc(unit: Unit, meta: DocumentMeta): LexicalDoc {
  return {
    id: unit.id,
    documentId: unit.documentId,
    text: unit.text,
    label: unit.label,
    section: unit.section,
    title: `${meta.title} ${meta.shortTitle}`,
  };
}

export function buildLexicalIndex(units: Unit[], metaById: Map<string, DocumentMeta>): LexicalIndex {
  const index = new MiniSearch<LexicalDoc>(lexicalOptions);
  index.addAll(units.map((u) => toLexicalDoc(u, metaById.get(u.documentId)!)));
  return index;
}

export function serialiseLexicalIndex(index: LexicalIndex): string {
  return JSON.stringify(index);
}

export function loadLexicalIndex(json: string): LexicalIndex {
  return MiniSearch.loadJSON<LexicalDoc>(json, lexicalOptions);
}
