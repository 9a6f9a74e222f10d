/**
 * @module ingest/parse
 * The parse stage: a document's text in, its citable units out, cut along the document's own
 * structure (named in the manifest, or detected from the text). Pure: no I/O.
 */
import type { DocumentMeta, StructureKind, Unit } from '../../core/types.js';
import type { PagedText } from '../normalise/text.js';
import { detectStructure } from './detect.js';
import { parseHeadings } from './headings.js';
import { parseLetteredClauses } from './lettered-clauses.js';
import { parseNumberedParagraphs } from './numbered-paragraphs.js';
import { parsePriorityGoals } from './priority-goals.js';
import { parseRecommendations } from './recommendations.js';
import { createContext } from './units.js';

export { chunkUnit } from './chunk.js';
export { detectStructure } from './detect.js';

export function parseDocument(meta: DocumentMeta, paged: PagedText): Unit[] {
  const ctx = createContext(meta, paged);
  const markdown = /\.(?:md|markdown)$/i.test(meta.file);
  const structure: StructureKind = meta.structure ?? detectStructure(paged.text, { markdown });
  switch (structure) {
    case 'recommendations':
      return parseRecommendations(ctx);
    case 'numbered-paragraphs':
      return parseNumberedParagraphs(ctx);
    case 'priority-goals':
      return parsePriorityGoals(ctx);
    case 'lettered-clauses':
      return parseLetteredClauses(ctx);
    case 'headings':
      return parseHeadings(ctx, { markdown });
    default: {
      const unknown: never = structure;
      throw new Error(`Unknown document structure "${String(unknown)}" for ${meta.id}`);
    }
  }
}
