/**
 * @module server/catalogue
 * Read-only views of the loaded index for the document and passage endpoints: documents with unit
 * counts, a document's units in reading order, one unit by id.
 */
import { documentYear } from '../core/document-date.js';
import type { DocumentId, DocumentMeta, Unit } from '../core/types.js';
import { RequestError } from '../core/errors.js';

export interface DocumentSummary {
  id: DocumentId;
  title: string;
  shortTitle: string;
  date: string | null;
  /** The year of `date`, or where the text gives no date, the year another document states (see dateSource). */
  year: number | null;
  /** Where the date or year comes from; null when the manifest does not say. */
  dateSource: string | null;
  place: string | null;
  kind: string;
  aliases: string[];
  unitCount: number;
}

export type PublicUnit = Pick<Unit, 'id' | 'label' | 'kind' | 'number' | 'section' | 'text' | 'page'>;

export interface Catalogue {
  documents(): DocumentSummary[];
  document(id: string): DocumentSummary & { units: PublicUnit[] };
  unit(id: string): Unit;
  findUnit(id: string): Unit | undefined;
  meta(id: DocumentId): DocumentMeta;
  hasDocument(id: string): boolean;
  /** Throws 400 naming the first unknown id. */
  assertKnownDocuments(ids: readonly string[] | undefined): void;
}

export function toPublicUnit(u: Unit): PublicUnit {
  return { id: u.id, label: u.label, kind: u.kind, number: u.number, section: u.section, text: u.text, page: u.page };
}

export function createCatalogue(documents: DocumentMeta[], units: Unit[]): Catalogue {
  const metaById = new Map(documents.map((d) => [d.id, d]));
  const unitById = new Map(units.map((u) => [u.id, u]));
  const unitsByDoc = new Map<DocumentId, Unit[]>();
  for (const u of units) {
    const list = unitsByDoc.get(u.documentId) ?? [];
    list.push(u);
    unitsByDoc.set(u.documentId, list);
  }
  for (const list of unitsByDoc.values()) list.sort((a, b) => a.order - b.order);

  const summary = (d: DocumentMeta): DocumentSummary => ({
    id: d.id,
    title: d.title,
    shortTitle: d.shortTitle,
    date: d.date,
    year: documentYear(d),
    dateSource: d.dateSource ?? null,
    place: d.place,
    kind: d.kind,
    aliases: d.aliases,
    unitCount: unitsByDoc.get(d.id)?.length ?? 0,
  });
  const summaries = documents.map(summary);
  const known = (id: string) => metaById.has(id);
  // The index does not change while it is served: each document's public form is built once, when first asked.
  const withUnits = new Map<DocumentId, ReturnType<Catalogue['document']>>();

  return {
    documents: () => summaries,
    document(id) {
      const meta = metaById.get(id);
      if (!meta) throw new RequestError('NOT_FOUND', `documents: no document with id "${id.slice(0, 100)}"`);
      let found = withUnits.get(id);
      if (!found)
        withUnits.set(id, (found = { ...summary(meta), units: (unitsByDoc.get(id) ?? []).map(toPublicUnit) }));
      return found;
    },
    unit(id) {
      const unit = unitById.get(id);
      if (!unit) throw new RequestError('NOT_FOUND', `passages: no unit with id "${id.slice(0, 100)}"`);
      return unit;
    },
    findUnit: (id) => unitById.get(id),
    meta(id) {
      const meta = metaById.get(id);
      if (!meta) throw new RequestError('NOT_FOUND', `documents: no document with id "${id.slice(0, 100)}"`);
      return meta;
    },
    hasDocument: known,
    assertKnownDocuments(ids) {
      const unknown = ids?.find((id) => !known(id));
      if (unknown !== undefined) {
        throw new RequestError('INVALID_REQUEST', `request: documents: unknown document id "${unknown.slice(0, 100)}"`);
      }
    },
  };
}
