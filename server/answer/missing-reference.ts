/**
 * @module server/answer/missing-reference
 * A question about a unit that does not exist ("Recommendation 60 of Prague 1997", "Priority Goal 9") is told
 * so, with what does exist, instead of being answered from whatever the topic search found.
 */
import type { DocumentId, Unit, UnitKind } from '../../core/types.js';
import type { UnitInventory } from './inventory.js';
import { findReferencedUnits, formatReference, type UnitReference } from '../retrieve/reference.js';

const KIND_NAMES: Partial<Record<UnitKind, [string, string]>> = {
  recommendation: ['recommendation', 'recommendations'],
  paragraph: ['numbered paragraph', 'numbered paragraphs'],
  'priority-goal': ['priority goal', 'priority goals'],
  action: ['action', 'actions'],
  clause: ['clause', 'clauses'],
  point: ['point', 'points'],
  preamble: ['recital', 'recitals'],
  consideration: ['consideration', 'considerations'],
};

/** What exists of a kind in a document, e.g. "55 recommendations (Recommendation 1 to Recommendation 55)". */
function extent(kind: UnitKind, units: readonly Unit[]): string | null {
  const names = KIND_NAMES[kind];
  if (!names) return null;
  if (kind === 'priority-goal') {
    const goals = new Set(units.filter((u) => u.kind === 'action').map((u) => String(u.number).split('.')[0]));
    if (goals.size === 0) return null;
    const sorted = [...goals].sort((a, b) => Number(a) - Number(b));
    return `${goals.size} ${names[1]} (Priority Goal ${sorted[0]} to Priority Goal ${sorted[sorted.length - 1]})`;
  }
  const ofKind = units.filter((u) => u.kind === kind);
  if (ofKind.length === 0) return null;
  const first = formatReference({ kind, number: String(ofKind[0].number) });
  const last = formatReference({ kind, number: String(ofKind[ofKind.length - 1].number) });
  return `${ofKind.length} ${ofKind.length === 1 ? names[0] : names[1]} (${first} to ${last})`;
}

/** The goal of an action, the clause of a point: the group a numbered-within reference belongs to. */
function groupOf(ref: UnitReference, parent: string): UnitReference {
  return { kind: ref.kind === 'action' ? 'priority-goal' : 'clause', number: parent };
}

/**
 * When the question refers to units of which none exists in its documents: a sentence naming what does exist.
 * Null when any referenced unit exists, or when no document in scope has units of that kind at all (then the
 * words were not a reference to this corpus's structure).
 */
export function describeMissingReference(
  references: readonly UnitReference[],
  scope: readonly DocumentId[] | null,
  inventory: UnitInventory,
): string | null {
  if (references.length === 0) return null;
  const inScope = scope ? inventory.units.filter((u) => scope.includes(u.documentId)) : [...inventory.units];
  if (findReferencedUnits([...references], inScope, null).length > 0) return null;
  const sentences: string[] = [];
  for (const ref of references) {
    const kind = ref.kind === 'priority-goal' ? 'action' : ref.kind;
    const docs = inventory.documents.filter((d) => inScope.some((u) => u.documentId === d.id && u.kind === kind));
    for (const doc of docs) {
      const ofDoc = inScope.filter((u) => u.documentId === doc.id);
      // "Priority Goal 1, action 7": what Priority Goal 1 has; "clause (f) point 12": what clause (f) has.
      const parent = (ref.kind === 'action' || ref.kind === 'point') && ref.number.split('.')[0];
      const siblings = parent
        ? ofDoc.filter((u) => u.kind === ref.kind && String(u.number).startsWith(`${parent}.`))
        : [];
      if (parent && siblings.length > 0) {
        const whole = formatReference(groupOf(ref, parent));
        const what = extent(ref.kind, siblings);
        sentences.push(
          `${whole.charAt(0).toUpperCase()}${whole.slice(1)} of the ${doc.shortTitle} has ${what}; there is no ${formatReference(ref)}.`,
        );
        continue;
      }
      // "The last action of Priority Goal 9": the goal itself is what does not exist.
      const missing = parent && ref.number.endsWith('.last') ? groupOf(ref, parent) : ref;
      const what = extent(missing.kind, ofDoc);
      if (what) sentences.push(`The ${doc.shortTitle} have ${what}; there is no ${formatReference(missing)}.`);
    }
  }
  if (sentences.length === 0) return null;
  return sentences
    .map((s) => s.replace(/^The (.+?) have/, (_m, t: string) => `The ${t} ${/s$/.test(t) ? 'have' : 'has'}`))
    .join(' ');
}
