/**
 * @module web/src/types
 * The shapes the page reads from the API. The chat contract is imported (type-only, so nothing from the
 * server ends up in the bundle) to keep the page and the server from drifting apart.
 */
import type { AnswerFlag, AnswerMode, ChatReply, ChatTurn, Citation, ClosestMatch } from '../../server/answer/types.js';
import type { DocumentKind, UnitKind } from '../../core/types.js';

export type { AnswerFlag, AnswerMode, ChatReply, ChatTurn, Citation, ClosestMatch };

/** A citation as the page holds it: the server's, plus the reason it failed its check (`valid: false`). */
export type PageCitation = Citation & { problem?: string };

/** One entry of GET /api/documents. */
export interface DocumentSummary {
  id: string;
  title: string;
  shortTitle: string;
  date: string | null;
  /** The year of `date`, or the year another source states for a document that gives no date of its own. */
  year: number | null;
  /** Where the date or year comes from: "<document id>: “quoted words”". */
  dateSource: string | null;
  place: string | null;
  kind: DocumentKind | string;
  unitCount: number;
}

/** A unit as GET /api/documents/:id returns it. */
export interface DocumentUnit {
  id: string;
  label: string;
  kind: UnitKind | string;
  number: number | string | null;
  section: string;
  text: string;
  page: number | null;
}

/** GET /api/documents/:id. */
export interface DocumentDetail extends DocumentSummary {
  units: DocumentUnit[];
}

/** The `{ error: { code, message } }` body every failing endpoint sends. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** The subset of a document that naming helpers need; lets callers pass summaries or details. */
export type DocNaming = Pick<DocumentSummary, 'id' | 'shortTitle' | 'date' | 'place'> & {
  title?: string;
  year?: number | null;
};
