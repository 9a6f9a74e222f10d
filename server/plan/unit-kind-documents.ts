/**
 * @module server/plan/unit-kind-documents
 * Some kinds of unit exist in one document only: recommendations in the Prague 1997 Recommendations, priority
 * goals in the Call for Action, lettered clauses in the Prague 2009 Joint Declaration. A follow-up that asks
 * for such a unit ("and which recommendation is the one on fines?") after a turn about another document is
 * asking about the document that has them, not the one the conversation last named.
 */
import type { DocumentId, DocumentMeta, StructureKind } from '../../core/types.js';

const KIND_WORDS: readonly [RegExp, StructureKind][] = [
  [/\brecommendations?\b/i, 'recommendations'],
  [/\bpriority goals?\b/i, 'priority-goals'],
  [/\bclauses?\b/i, 'lettered-clauses'],
];

/** The documents holding the kind of unit the question names, or null when it names none of these kinds. */
export function documentsWithUnitKind(question: string, documents: readonly DocumentMeta[]): DocumentId[] | null {
  for (const [words, structure] of KIND_WORDS) {
    if (!words.test(question)) continue;
    const having = documents.filter((d) => d.structure === structure).map((d) => d.id);
    if (having.length > 0) return having;
  }
  return null;
}

/** A carried scope that has none of the units the question names gives way to the documents that do. */
export function scopeForUnitKind(
  question: string,
  carried: DocumentId[] | null,
  documents: readonly DocumentMeta[],
): DocumentId[] | null {
  if (!carried) return carried;
  const having = documentsWithUnitKind(question, documents);
  if (!having || carried.some((id) => having.includes(id))) return carried;
  return having;
}

/** "Which recommendation talks about training?": a question whose answer is a unit of a named kind. */
const ASKS_WHICH_UNIT =
  /\b(?:which|what)\s+(?:(?:specific|particular|single|exact|one)\s+)?(?:recommendations?|clauses?|priority goals?)\b/i;

/**
 * The documents a question that asks which unit of a kind says something must be answered from ("Which
 * recommendation talks about training border guards?" → the Prague 1997 Recommendations), or null when it asks
 * for no unit of a kind only some documents have.
 */
export function documentsAskedForUnit(question: string, documents: readonly DocumentMeta[]): DocumentId[] | null {
  return ASKS_WHICH_UNIT.test(question) ? documentsWithUnitKind(question, documents) : null;
}
