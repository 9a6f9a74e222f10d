/**
 * @module server/answer/operative-first
 * "What did Prague 1997 say about fake passports?" is answered by what the ministers recommended, not by the
 * consideration that motivates it: when a cited preamble recital or consideration opens the answer and a cited
 * operative unit (a recommendation, action, clause or point) of the same document holds as much of the question,
 * the operative unit opens it instead. Only the order of units already cited changes.
 */
import type { UnitKind } from '../../core/types.js';
import type { SearchHit } from '../retrieve/types.js';

const MOTIVATING = new Set<UnitKind>(['preamble', 'consideration']);
const OPERATIVE = new Set<UnitKind>(['recommendation', 'action', 'clause', 'point']);

/** A preamble recital or a consideration: what motivates a text rather than what it commits to. */
export const isMotivatingKind = (kind: UnitKind): boolean => MOTIVATING.has(kind);

export const isMotivating = (hit: SearchHit): boolean => isMotivatingKind(hit.unit.kind);

/** `cited` with its first unit replaced at the front by an operative one when that holds as much (`holds`, by
 * unit id: the share of the question's concepts a unit holds). */
export function operativeFirst(cited: readonly SearchHit[], holds: (unitId: string) => number): SearchHit[] {
  const top = cited[0];
  if (!top || top.referenced || !isMotivating(top)) return [...cited];
  const held = (h: SearchHit) => holds(h.unit.id);
  const operative = cited.find(
    (h) => OPERATIVE.has(h.unit.kind) && h.unit.documentId === top.unit.documentId && held(h) >= held(top),
  );
  if (!operative) return [...cited];
  return [operative, ...cited.filter((h) => h !== operative)];
}
