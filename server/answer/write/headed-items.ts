/**
 * @module server/answer/write/headed-items
 * The items of a list, where a list item is a headed passage rather than a unit: the 30-years publication
 * gives each ministerial conference a heading ("Budapest, Hungary (1993)") over one or more paragraphs, so
 * "list the conferences" has six items, not one per paragraph, and each is named by its heading rather than
 * "…, paragraph 1".
 */
import { headingOfParagraphLabel, ownHeading, sectionHeadings } from '../../../core/section.js';
import type { SearchHit } from '../../retrieve/types.js';

export interface HeadedItem {
  /** The heading the passage sits under, or the unit's own label when it is not a headed paragraph. */
  name: string;
  /** The item's units, in reading order. */
  hits: SearchHit[];
  /** The headings the item sits under, outermost first (without its own). */
  container: string[];
}

/** "Budapest, Hungary (1993)" for a unit labelled "Budapest, Hungary (1993), paragraph 2" under that heading. */
function headingOf(hit: SearchHit): string | null {
  const heading = ownHeading(hit.unit.section);
  return heading !== '' && headingOfParagraphLabel(hit.unit.label) === heading ? heading : null;
}

/** The hits as list items, in the hits' order: paragraphs under one heading of one document are one item. */
export function headedItems(hits: readonly SearchHit[]): HeadedItem[] {
  const items: HeadedItem[] = [];
  const byHeading = new Map<string, HeadedItem>();
  for (const hit of hits) {
    const heading = headingOf(hit);
    const key = heading === null ? null : `${hit.unit.documentId}\u0000${hit.unit.section}`;
    const known = key === null ? undefined : byHeading.get(key);
    if (known) {
      known.hits.push(hit);
      known.hits.sort((a, b) => a.unit.order - b.unit.order);
      continue;
    }
    const path = sectionHeadings(hit.unit.section);
    const item = {
      name: heading ?? hit.unit.label,
      hits: [hit],
      container: heading === null ? path : path.slice(0, -1),
    };
    items.push(item);
    if (key !== null) byHeading.set(key, item);
  }
  return items;
}

/** The heading all the items of one document sit under ("The Budapest Process Ministerial conferences"), if any. */
export function sharedHeading(items: readonly HeadedItem[]): string | null {
  if (items.length < 2 || new Set(items.map((i) => i.hits[0].unit.documentId)).size !== 1) return null;
  const first = items[0].container;
  let depth = 0;
  while (depth < first.length && items.every((i) => i.container[depth] === first[depth])) depth++;
  return depth === 0 ? null : first[depth - 1];
}
