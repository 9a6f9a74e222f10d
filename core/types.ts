/**
 * @module core/types
 * The domain types every pipeline stage passes on: load → normalise → parse → index → retrieve → answer.
 */

/** A document's stable id, e.g. `prague-1997`. */
export type DocumentId = string;

/** `<documentId>:<unit>`, e.g. `prague-1997:rec-18`. Stable across ingests of the same text. */
export type UnitId = string;

export type DocumentKind =
  'recommendations' | 'meeting report' | 'declaration' | 'action plan' | 'publication' | 'document';

/**
 * How a document is cut into units. Named in the manifest; a document without one is detected
 * from its text (see ingest/parse/detect.ts).
 */
export type StructureKind =
  | 'recommendations' // preamble considerations + numbered "Recommend that…" under headings
  | 'numbered-paragraphs' // 1. … 2. … (meeting reports)
  | 'priority-goals' // "Priority Goal N" headings, numbered actions under each
  | 'lettered-clauses' // preamble recitals, then (a)…(n) clauses with numbered points
  | 'headings'; // no numbering: headings and paragraphs

/** One entry of corpus/manifest.json, completed with defaults for files the manifest does not name. */
export interface DocumentMeta {
  id: DocumentId;
  file: string;
  title: string;
  shortTitle: string;
  aliases: string[];
  date: string | null; // ISO date, only where the text states it
  /** The year of `date`, or, for a document whose text gives no full date, the year another source states. */
  year?: number;
  /** Where the date or year comes from, e.g. "budapest-process-30-years: “… in February 2019”". */
  dateSource?: string;
  place: string | null;
  kind: DocumentKind;
  structure?: StructureKind;
  /** Documents whose history this one tells (a retrospective recounts the conferences and what they adopted):
   * heard with them when a question asks about them as events — when, why, who, how many. */
  recounts?: DocumentId[];
}

export type SourceFormat = 'txt' | 'md' | 'pdf';

/** What a loader returns: the file's text, page by page (txt/md are one page). */
export interface LoadedDocument {
  file: string;
  format: SourceFormat;
  pages: string[];
}

export type UnitKind =
  | 'preamble'
  | 'consideration'
  | 'recommendation'
  | 'heading'
  | 'paragraph'
  | 'priority-goal'
  | 'action'
  | 'clause'
  | 'point';

/** A citable unit: the exact recommendation, paragraph, action or clause an answer rests on. */
export interface Unit {
  id: UnitId;
  documentId: DocumentId;
  label: string;
  kind: UnitKind;
  number: number | string | null;
  /** Heading path above the unit, joined with " › "; "" when none. */
  section: string;
  /** Faithful to the source: differs only in whitespace and re-joined line-break hyphenation. */
  text: string;
  page: number | null;
  /** Position in reading order within the document, from 0. */
  order: number;
}

/** A piece of a unit sized for embedding; a short unit is one chunk. Chunks share their unit's id. */
export interface Chunk {
  unitId: UnitId;
  part: number;
  text: string;
}
