/**
 * @module server/answer/named-hit
 * Units an answer puts first as if the question had named them (a heading's items, the unit dating a document,
 * the first and last of a counted kind), and the documents a question asked about.
 */
import type { DocumentId, Unit } from '../../core/types.js';
import type { QueryPlan } from '../plan/types.js';
import type { SearchHit } from '../retrieve/types.js';
import type { UnitInventory } from './inventory.js';

/** A unit as a hit the question named, keeping the scores the search gave it (`found`), if any. */
export function namedHit(unit: Unit, inventory: UnitInventory, found?: SearchHit): SearchHit {
  return {
    unit,
    document: inventory.documents.find((d) => d.id === unit.documentId)!,
    score: 1,
    lexical: found?.lexical ?? 0,
    vector: found?.vector ?? 0,
    referenced: true,
  };
}

/** The documents the question named or carried, without the histories heard only as their companions; null
 * when it restricted nothing. */
export function askedDocumentIds(plan: QueryPlan): DocumentId[] | null {
  return plan.scope?.filter((id) => !plan.reading.companions.includes(id)) ?? null;
}
