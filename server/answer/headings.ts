/**
 * @module server/answer/headings
 * The headings of a document as its units' section paths give them: each prefix of each path, with the units
 * under it. Read by the answers that take a document's own grouping as the answer (heading-list.ts,
 * heading-group.ts).
 */
import { SECTION_SEPARATOR, sectionHeadings } from '../../core/section.js';
import type { Unit } from '../../core/types.js';

export interface Heading {
  path: string;
  documentId: string;
  /** Units under the heading, in reading order. */
  units: Unit[];
}

/** Every heading of the units given (each prefix of their section paths), with the units under it. */
export function headingsOf(units: readonly Unit[]): Heading[] {
  const byPath = new Map<string, Heading>();
  for (const unit of [...units].sort((a, b) => a.order - b.order)) {
    const segments = sectionHeadings(unit.section);
    for (let depth = 1; depth <= segments.length; depth++) {
      const path = segments.slice(0, depth).join(SECTION_SEPARATOR);
      const key = `${unit.documentId}\u0000${path}`;
      const heading = byPath.get(key) ?? { path, documentId: unit.documentId, units: [] };
      heading.units.push(unit);
      byPath.set(key, heading);
    }
  }
  return [...byPath.values()];
}
