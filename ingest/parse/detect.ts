/**
 * @module ingest/parse/detect
 * Guesses how to cut a document the manifest says nothing about, from the numbering its text uses.
 */
import type { StructureKind } from '../../core/types.js';
import { splitLines } from './layout.js';
import { clauseStarts } from './lettered-clauses.js';
import { paragraphStarts } from './numbered-paragraphs.js';
import { goalLines } from './priority-goals.js';

export interface DetectOptions {
  /** Markdown text: "#" headings, when present, outrank numbered lists. */
  markdown?: boolean;
}

// Fewer numbered items than this is a list inside prose, not the document's structure.
const MIN_RUN = 3;

export function detectStructure(text: string, options: DetectOptions = {}): StructureKind {
  const lines = splitLines(text);
  if (options.markdown && lines.some((l) => /^\s*#{1,6}\s+\S/.test(l.text))) return 'headings';
  if (goalLines(lines).length >= 2) return 'priority-goals';
  const paragraphs = paragraphStarts(lines);
  const recommending = paragraphs.filter((p) => /^\s*Recommends?\b/.test(p.line.text.slice(p.marker.contentOffset)));
  // Recommendations come under lettered sub-headings too, so they are recognised first.
  if (paragraphs.length >= MIN_RUN && recommending.length * 2 > paragraphs.length) return 'recommendations';
  if (clauseStarts(lines).length >= MIN_RUN) return 'lettered-clauses';
  return paragraphs.length >= MIN_RUN ? 'numbered-paragraphs' : 'headings';
}
