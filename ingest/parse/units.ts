/**
 * @module ingest/parse/units
 * Turns parser drafts (source spans plus naming) into Units. Unit text is always a source span with
 * only whitespace collapsed and line-break hyphenation re-joined, so quotes built from it are verbatim.
 */
import type { DocumentMeta, Unit, UnitKind } from '../../core/types.js';
import { collapseWhitespace, hyphenRejoiner, pageAt, type PagedText } from '../normalise/text.js';
import { isFurniture, splitLines } from './layout.js';

/** What every structure parser receives. */
export interface ParseContext {
  meta: DocumentMeta;
  paged: PagedText;
  /** Source text → unit text: hyphenation judged against the whole document, whitespace collapsed. */
  clean: (source: string) => string;
}

/** A unit before its text, page and order are filled in. `start`/`end` delimit its text in the source. */
export interface UnitDraft {
  /** The part of the id after `<documentId>:`. */
  key: string;
  label: string;
  kind: UnitKind;
  number: number | string | null;
  section: string;
  start: number;
  end: number;
}

export function createContext(meta: DocumentMeta, paged: PagedText): ParseContext {
  const rejoin = hyphenRejoiner(paged.text);
  return { meta, paged, clean: (source) => collapseWhitespace(rejoin(source)) };
}

/** Shrinks a span so it neither starts nor ends with whitespace or page furniture lines. */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  for (;;) {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    const lines = splitLines(text.slice(s, e));
    if (lines.length > 1 && isFurniture(lines[lines.length - 1].text)) {
      e = s + lines[lines.length - 1].start;
    } else if (lines.length > 1 && isFurniture(lines[0].text)) {
      s += lines[0].end;
    } else {
      return { start: s, end: e };
    }
  }
}

/** Builds units in the order given, dropping drafts whose text turns out empty. */
export function finishUnits(ctx: ParseContext, drafts: UnitDraft[]): Unit[] {
  const multiPage = ctx.paged.pageStarts.length > 1;
  const units: Unit[] = [];
  for (const draft of drafts) {
    const span = trimSpan(ctx.paged.text, draft.start, draft.end);
    const text = ctx.clean(ctx.paged.text.slice(span.start, span.end));
    if (text === '') continue;
    units.push({
      id: `${ctx.meta.id}:${draft.key}`,
      documentId: ctx.meta.id,
      label: draft.label,
      kind: draft.kind,
      number: draft.number,
      section: draft.section,
      text,
      page: multiPage ? pageAt(ctx.paged, span.start) : null,
      order: units.length,
    });
  }
  return units;
}

export { sectionPath } from '../../core/section.js';
