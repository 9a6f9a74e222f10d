/**
 * @module web/src/store
 * Caches what the views share: the document list (chips, filter and list view all need it) and the
 * documents opened so far, so going back and forth between answer and source does not refetch them.
 * A failed load is forgotten so the next visit retries instead of repeating the failure.
 */
import { fetchDocument, fetchDocuments } from './api.js';
import type { DocumentDetail, DocumentSummary } from './types.js';

let list: Promise<DocumentSummary[]> | null = null;
const details = new Map<string, Promise<DocumentDetail>>();

export function loadDocuments(): Promise<DocumentSummary[]> {
  if (!list) {
    list = fetchDocuments();
    list.catch(() => {
      list = null;
    });
  }
  return list;
}

export function loadDocument(id: string): Promise<DocumentDetail> {
  let p = details.get(id);
  if (!p) {
    p = fetchDocument(id);
    details.set(id, p);
    p.catch(() => details.delete(id));
  }
  return p;
}
