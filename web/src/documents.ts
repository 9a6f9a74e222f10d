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
  borrowedDate,
  collapseWhitespace,
  describeError,
  docDateLabel,
  docYear,
  findQuoteRange,
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
  return [docDateLabel(d), d.place, d.kind, pluralUnits(d.unitCount)].filter(Boolean).join(' · ');
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

/** The list of documents, oldest first, with year, date, place and unit count. Returns the heading for focus. */
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
            // Oldest first: the order the Process took its decisions in (a document without a year goes last).
            ...[...docs]
              .sort((a, b) => Number(docYear(a) ?? 9999) - Number(docYear(b) ?? 9999))
              .map((d) => {
                const borrowed = borrowedDate(d, docs);
                const year = docYear(d);
                return el(
                  'li',
                  { class: 'doc-card' },
                  // The year leads visually; the meta line says it again in words for screen readers.
                  year ? el('span', { class: 'doc-card__year', attrs: { 'aria-hidden': 'true' } }, year) : null,
                  el(
                    'div',
                    { class: 'doc-card__main' },
                    el(
                      'h2',
                      { class: 'doc-card__title' },
                      el('a', { attrs: { href: `/documents/${encodeURIComponent(d.id)}` } }, d.title),
                    ),
                    el('p', { class: 'doc-card__meta' }, docMeta(d)),
                    borrowed
                      ? el(
                          'p',
                          { class: 'doc-card__source' },
                          `${d.date ? 'Date' : 'Year'} as stated in ${borrowed.source}`,
                        )
                      : null,
                  ),
                );
              }),
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
  /** The highlighted unit (or the section a contents link named), to scroll to. */
  target: HTMLElement | null;
}

interface ContentsEntry {
  id: string;
  text: string;
  children: { id: string; text: string }[];
}

/** Contents links and section ids start with "app-": the router leaves such anchors to the browser. */
const SECTION_ID_PREFIX = 'app-sec-';

/** The table of contents: top-level sections, with their subsections. Open by default on wide screens. */
function renderContents(entries: readonly ContentsEntry[]): HTMLElement {
  const titleId = `${SECTION_ID_PREFIX}contents`;
  const link = (e: { id: string; text: string }): HTMLElement => el('a', { attrs: { href: `#${e.id}` } }, e.text);
  return el(
    'nav',
    { class: 'toc', attrs: { 'aria-labelledby': titleId } },
    el(
      'details',
      { class: 'toc__details', attrs: { open: window.matchMedia('(min-width: 72rem)').matches } },
      el('summary', { class: 'toc__title', attrs: { id: titleId } }, 'Contents'),
      el(
        'ol',
        { class: 'toc__list' },
        ...entries.map((e) =>
          el(
            'li',
            null,
            link(e),
            e.children.length
              ? el('ol', { class: 'toc__sub' }, ...e.children.map((c) => el('li', null, link(c))))
              : null,
          ),
        ),
      ),
    ),
  );
}

/** Where a document's date comes from, when another document states it. */
function renderDateSource(doc: DocumentDetail, docs: readonly DocumentSummary[]): HTMLElement | null {
  const borrowed = borrowedDate(doc, docs);
  if (!borrowed) return null;
  return el(
    'p',
    { class: 'doc__date-source muted' },
    `${doc.date ? 'Date' : 'Year'} as stated in ${borrowed.source}: `,
    el('q', null, borrowed.words.replace(/^[“"]|[”"]$/g, '')),
  );
}

/**
 * The whole document, section headings and anchored units in reading order, each top-level section in a
 * <section> the table of contents links to. `unit` (an anchor such as "rec-18") is highlighted and, with
 * `quote`, the quoted words in it are marked; a contents anchor ("app-sec-3") is scrolled to unmarked.
 */
export function renderDocument(
  container: HTMLElement,
  doc: DocumentDetail,
  unit: string | null,
  quote: string | null,
  docs: readonly DocumentSummary[] = [],
): DocumentFocus {
  const heading = el('h1', { class: 'doc__title', attrs: { tabindex: -1 } }, doc.title);
  const body = el('div', { class: 'doc__body' });
  const contents: ContentsEntry[] = [];
  let part: HTMLElement = body;
  let target: HTMLElement | null = null;
  let quoteFound = false;
  let lastSection = '';
  let lastHeading = '';
  let sections = 0;

  /** Starts a top-level section (a <section> with its heading) or prints a subsection heading. */
  const openSection = (depth: number, text: string, headingNode: HTMLElement): void => {
    const id = `${SECTION_ID_PREFIX}${++sections}`;
    if (depth === 0) {
      if (!headingNode.id) headingNode.id = `${id}-title`;
      part = el('section', { class: 'doc__part', attrs: { id, 'aria-labelledby': headingNode.id } }, headingNode);
      body.append(part);
      contents.push({ id, text, children: [] });
      return;
    }
    headingNode.id = id;
    part.append(headingNode);
    if (depth === 1 && contents.length) contents[contents.length - 1].children.push({ id, text });
  };

  for (const u of doc.units) {
    const anchor = unitAnchor(u.id);
    // Only the parts of the heading path that changed are printed, as nested headings; a heading unit
    // just printed names the same heading as the path's last part, so it is not repeated.
    for (const h of newSectionHeadings(lastSection, u.section)) {
      if (collapseWhitespace(h.text) === lastHeading) continue;
      const node = el(
        h.depth === 0 ? 'h2' : 'h3',
        { class: `doc__section doc__section--d${Math.min(h.depth, 2)}` },
        h.text,
      );
      openSection(h.depth, h.text, node);
    }
    // A unit outside every section (a clause between two pointed lists) is not part of the section before it.
    if (!u.section && u.kind !== 'heading') part = body;
    lastSection = u.section;
    if (u.kind === 'heading') {
      lastHeading = collapseWhitespace(u.text);
      const h = el(
        'h2',
        { class: 'doc__section unit unit--heading', attrs: { id: anchor, tabindex: -1 } },
        collapseWhitespace(u.text),
      );
      if (anchor === unit) target = h;
      if (u.section) part.append(h);
      else openSection(0, lastHeading, h);
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
    part.append(block);
  }

  const sectionTarget = unit?.startsWith(SECTION_ID_PREFIX) ? body.querySelector<HTMLElement>(`[id="${unit}"]`) : null;
  const notes: HTMLElement[] = [];
  // A fixed message: the anchor comes from the URL, and a link could make the page say anything with it.
  if (unit && !target && !sectionTarget)
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

  const withContents = contents.length >= 2;
  replaceChildren(
    container,
    el(
      'article',
      { class: withContents ? 'page doc doc--with-toc' : 'page doc' },
      el(
        'header',
        { class: 'doc__head' },
        el('p', { class: 'doc__crumbs' }, el('a', { attrs: { href: '/documents' } }, 'All documents')),
        heading,
        el('p', { class: 'doc__meta muted' }, docMeta(doc)),
        renderDateSource(doc, docs),
        ...notes,
      ),
      withContents ? renderContents(contents) : null,
      body,
    ),
  );
  return { focus: target ?? heading, target: target ?? sectionTarget };
}
