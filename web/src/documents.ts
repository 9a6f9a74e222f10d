/**
 * @module web/src/documents
 * The document list and the document view. The view shows every unit of a document under its section
 * headings, each anchored by the unit part of its id ("rec-18"), and marks the cited unit and the quoted
 * words in it so a reader can check an answer against the source.
 */
import { ApiError } from './api.js';
import { el, replaceChildren } from './dom.js';
import {
  SECTION_SEPARATOR,
  collapseWhitespace,
  describeError,
  findQuoteRange,
  formatDate,
  newSectionHeadings,
  pluralUnits,
} from './format.js';
import type { DocumentDetail, DocumentSummary, DocumentUnit } from './types.js';

/** The anchor of a unit: the part of "prague-1997:rec-18" after the document id. */
export function unitAnchor(unitId: string): string {
  const colon = unitId.indexOf(':');
  return colon < 0 ? unitId : unitId.slice(colon + 1);
}

function failureText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 404) return 'There is no such document.';
    return describeError({ status: err.status, code: err.code, message: err.message });
  }
  return describeError({ status: 0 });
}

function docMeta(d: DocumentSummary): string {
  return [formatDate(d.date), d.place, d.kind, pluralUnits(d.unitCount)].filter(Boolean).join(' · ');
}

export function renderLoading(container: HTMLElement, what: string): void {
  replaceChildren(container, el('p', { class: 'muted loading', attrs: { role: 'status' } }, `Loading ${what}…`));
}

export function renderError(container: HTMLElement, title: string, err: unknown): HTMLElement {
  const heading = el('h1', { attrs: { tabindex: -1 } }, title);
  replaceChildren(
    container,
    el(
      'section',
      { class: 'page' },
      heading,
      el('p', { class: 'error', attrs: { role: 'alert' } }, failureText(err)),
      el(
        'p',
        null,
        el('a', { attrs: { href: '/documents' } }, 'All documents'),
        ' · ',
        el('a', { attrs: { href: '/' } }, 'Ask a question'),
      ),
    ),
  );
  return heading;
}

/** The list of documents with date, place and unit count. Returns the heading for focus. */
export function renderDocumentList(container: HTMLElement, docs: DocumentSummary[]): HTMLElement {
  const heading = el('h1', { attrs: { tabindex: -1 } }, 'Documents');
  replaceChildren(
    container,
    el(
      'section',
      { class: 'page' },
      heading,
      el('p', { class: 'muted' }, 'The documents the assistant answers from. Open one to read it in full.'),
      docs.length
        ? el(
            'ul',
            { class: 'doc-list' },
            ...docs.map((d) =>
              el(
                'li',
                { class: 'doc-card' },
                el(
                  'h2',
                  { class: 'doc-card__title' },
                  el('a', { attrs: { href: `/documents/${encodeURIComponent(d.id)}` } }, d.title),
                ),
                el('p', { class: 'doc-card__meta' }, docMeta(d)),
              ),
            ),
          )
        : el('p', null, 'No documents are available yet.'),
    ),
  );
  return heading;
}

/** The unit's text, with the quoted words (when found) wrapped in <mark>. */
function unitText(unit: DocumentUnit, quote: string | null): { node: HTMLElement; marked: boolean } {
  const p = el('p', { class: 'unit__text' });
  const range = quote ? findQuoteRange(unit.text, quote) : null;
  if (!range) {
    p.append(unit.text);
    return { node: p, marked: false };
  }
  p.append(
    unit.text.slice(0, range.start),
    el('mark', { class: 'quote-mark' }, unit.text.slice(range.start, range.end)),
    unit.text.slice(range.end),
  );
  return { node: p, marked: true };
}

export interface DocumentFocus {
  /** What should receive focus: the highlighted unit, or else the page heading. */
  focus: HTMLElement;
  /** The highlighted unit, to scroll to. */
  target: HTMLElement | null;
}

/**
 * The whole document, section headings and anchored units in reading order. `unit` (an anchor such as
 * "rec-18") is highlighted and, with `quote`, the quoted words in it are marked.
 */
export function renderDocument(
  container: HTMLElement,
  doc: DocumentDetail,
  unit: string | null,
  quote: string | null,
): DocumentFocus {
  const heading = el('h1', { class: 'doc__title', attrs: { tabindex: -1 } }, doc.title);
  const body = el('div', { class: 'doc__body' });
  let target: HTMLElement | null = null;
  let quoteFound = false;
  let lastSection = '';
  let lastHeading = '';
  for (const u of doc.units) {
    const anchor = unitAnchor(u.id);
    // Only the parts of the heading path that changed are printed, as nested headings; a heading unit
    // just printed names the same heading as the path's last part, so it is not repeated.
    for (const h of newSectionHeadings(lastSection, u.section)) {
      if (collapseWhitespace(h.text) === lastHeading) continue;
      body.append(
        el(h.depth === 0 ? 'h2' : 'h3', { class: `doc__section doc__section--d${Math.min(h.depth, 2)}` }, h.text),
      );
    }
    lastSection = u.section;
    if (u.kind === 'heading') {
      lastHeading = collapseWhitespace(u.text);
      const h = el(
        'h2',
        { class: 'doc__section unit unit--heading', attrs: { id: anchor, tabindex: -1 } },
        collapseWhitespace(u.text),
      );
      if (anchor === unit) target = h;
      body.append(h);
      continue;
    }
    const isTarget = anchor === unit;
    const text = unitText(u, isTarget ? quote : null);
    if (isTarget) quoteFound = text.marked;
    // Unit labels sit one level under their section's headings, so heading navigation follows the outline.
    const depth = u.section ? u.section.split(SECTION_SEPARATOR).length : 0;
    const labelTag = depth === 0 ? 'h2' : depth === 1 ? 'h3' : 'h4';
    const block = el(
      'div',
      { class: isTarget ? 'unit unit--target' : 'unit', attrs: { id: anchor, tabindex: -1 } },
      el(
        labelTag,
        { class: 'unit__label' },
        u.label || anchor,
        u.page !== null ? el('span', { class: 'unit__page muted' }, ` · page ${u.page}`) : null,
      ),
      text.node,
    );
    if (isTarget) target = block;
    body.append(block);
  }

  const notes: HTMLElement[] = [];
  // A fixed message: the anchor comes from the URL, and a link could make the page say anything with it.
  if (unit && !target)
    notes.push(el('p', { class: 'notice', attrs: { role: 'status' } }, 'This document has no such part.'));
  if (target && quote && !quoteFound) {
    notes.push(
      el(
        'p',
        { class: 'notice', attrs: { role: 'status' } },
        'The quoted words could not be located exactly; the cited part is highlighted.',
      ),
    );
  }
  if (target && target.classList.contains('unit--heading')) target.classList.add('unit--target');

  replaceChildren(
    container,
    el(
      'article',
      { class: 'page doc' },
      el('p', { class: 'doc__crumbs' }, el('a', { attrs: { href: '/documents' } }, 'All documents')),
      heading,
      el('p', { class: 'doc__meta muted' }, docMeta(doc)),
      ...notes,
      body,
    ),
  );
  return { focus: target ?? heading, target };
}
