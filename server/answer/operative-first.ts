/**
 * @module server/answer/operative-first
 * "What did Prague 1997 say about fake passports?" is answered by what the ministers recommended, not by the
 * consideration that motivates it: when a cited preamble recital or consideration opens the answer and a cited
 * operative unit (a recommendation, action, clause or point) holds as much of the question, the operative unit
 * opens it instead. Only the order of units already cited changes.
 */
import type { UnitKind } from '../../core/types.js';
import type { Concept, TermStatistics } from '../retrieve/term-stats.js';
import { coverage } from '../retrieve/term-stats.js';
import type { SearchHit } from '../retrieve/types.js';

const MOTIVATING = new Set<UnitKind>(['preamble', 'consideration']);
const OPERATIVE = new Set<UnitKind>(['recommendation', 'action', 'clause', 'point']);

export function operativeFirst(
  cited: readonly SearchHit[],
  concepts: readonly Concept[],
  stats: TermStatistics,
): SearchHit[] {
  const top = cited[0];
  if (!top || top.referenced || !MOTIVATING.has(top.unit.kind) || concepts.length === 0) return [...cited];
  const held = (h: SearchHit) => coverage(concepts, stats.termsOf(h.unit.id));
  const operative = cited.find(
    (h) => OPERATIVE.has(h.unit.kind) && h.unit.documentId === top.unit.documentId && held(h) >= held(top),
  );
  if (!operative) return [...cited];
  return [operative, ...cited.filter((h) => h !== operative)];
}
