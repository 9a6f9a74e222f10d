/**
 * @module server/answer/inventory
 * What the corpus holds, for the answer steps that look past a search result (what exists, headings, dates):
 * every unit and document, and what is derived from them once at start rather than per question.
 */
import { analyse } from '../../core/text/terms.js';
import type { DocumentMeta, Unit } from '../../core/types.js';

export interface UnitInventory {
  units: readonly Unit[];
  documents: readonly DocumentMeta[];
  /** The corpus's subject terms (subjectTerms). */
  subject: ReadonlySet<string>;
}

/**
 * The terms in most of the documents' titles ("Budapest", "Process"): the corpus's subject, which no heading
 * needs to repeat ("the phases of the Budapest Process" are "Phase 1"…).
 */
export function subjectTerms(documents: readonly DocumentMeta[]): Set<string> {
  const counts = new Map<string, number>();
  for (const d of documents) for (const t of new Set(analyse(d.title))) counts.set(t, (counts.get(t) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n > documents.length / 2).map(([t]) => t));
}

export function unitInventory(units: readonly Unit[], documents: readonly DocumentMeta[]): UnitInventory {
  return { units, documents, subject: subjectTerms(documents) };
}
