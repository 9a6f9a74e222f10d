/**
 * @module web/src/citation-panel
 * A grounded answer's text with a chip per [n] marker, and the one source panel the chips share: focusing or
 * clicking a chip shows that citation's quote, section, page and link; Escape or × closes it and gives the
 * focus back to the chip.
 */
import { el, replaceChildren, uid } from './dom.js';
import { chipLabel, citationHref, collapseWhitespace, docShortTitle, segmentAnswer } from './format.js';
import type { ChatReply, Citation, DocumentSummary } from './types.js';

/** An empty, hidden source panel for one answer; give it to renderCitedAnswer. */
export function citationPanel(): HTMLElement {
  return el('div', { class: 'cite-panel', attrs: { id: uid('cite-panel'), hidden: true } });
}

/** The answer text with its chips, which open their citation in `panel`. */
export function renderCitedAnswer(reply: ChatReply, docs: DocumentSummary[], panel: HTMLElement): HTMLElement {
  // Set while focus is moved back to a chip on closing its panel, so the focus does not reopen it.
  const focus = { restoring: false };
  const text = el('p', { class: 'answer__text' });
  const chips: HTMLButtonElement[] = [];
  const cited = new Set<number>();
  const chip = (c: Citation): HTMLButtonElement => {
    const b = el(
      'button',
      {
        class: c.valid ? 'chip' : 'chip chip--invalid',
        attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': panel.id, 'data-n': c.n },
      },
      chipLabel(c, docs),
    );
    const open = (): void => showCitation(c, b, chips, panel, docs, focus);
    b.addEventListener('focus', () => {
      if (!focus.restoring) open();
    });
    b.addEventListener('click', open);
    chips.push(b);
    return b;
  };
  for (const seg of segmentAnswer(reply.answer, reply.citations)) {
    if (seg.type === 'text') text.append(seg.text);
    else {
      cited.add(seg.n);
      text.append(chip(seg.citation));
    }
  }
  // A citation the answer never marks would otherwise be invisible; list it so every source is reachable.
  const unmarked = reply.citations.filter((c) => !cited.has(c.n));
  if (unmarked.length) {
    text.append(el('span', { class: 'also-cited' }, ' Also cited: '), ...unmarked.map(chip));
  }
  return text;
}

/** Fills the answer's source panel with one citation and marks its chip as the expanded one. */
function showCitation(
  c: Citation,
  chip: HTMLButtonElement,
  chips: HTMLButtonElement[],
  panel: HTMLElement,
  docs: DocumentSummary[],
  focus: { restoring: boolean },
): void {
  for (const other of chips) other.setAttribute('aria-expanded', String(other === chip));
  if (!panel.hidden && panel.dataset.n === String(c.n)) return;
  panel.dataset.n = String(c.n);
  const close = (): void => {
    panel.hidden = true;
    chip.setAttribute('aria-expanded', 'false');
    focus.restoring = true;
    chip.focus({ preventScroll: true });
    focus.restoring = false;
  };
  const titleId = uid('cite-title');
  replaceChildren(
    panel,
    el(
      'div',
      { class: 'cite-panel__head' },
      el(
        'p',
        { class: 'cite-panel__title', attrs: { id: titleId } },
        el('strong', null, c.label || 'Passage'),
        ' · ',
        docShortTitle(docs, c.documentId, c.documentTitle),
      ),
      el(
        'button',
        { class: 'cite-panel__close', attrs: { type: 'button', 'aria-label': 'Close source' }, on: { click: close } },
        '×',
      ),
    ),
    c.section ? el('p', { class: 'cite-panel__section' }, c.section) : null,
    el('blockquote', { class: 'cite-panel__quote' }, collapseWhitespace(c.quote || c.text)),
    c.valid
      ? null
      : el('p', { class: 'cite-panel__warn' }, 'This citation could not be verified against the documents.'),
    el(
      'p',
      { class: 'cite-panel__foot' },
      el('a', { class: 'cite-panel__link', attrs: { href: citationHref(c) } }, 'Open in document'),
      c.page !== null ? el('span', { class: 'muted' }, ` · page ${c.page}`) : null,
    ),
  );
  panel.setAttribute('role', 'region');
  panel.setAttribute('aria-labelledby', titleId);
  panel.onkeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') close();
  };
  chip.onkeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && !panel.hidden) {
      panel.hidden = true;
      chip.setAttribute('aria-expanded', 'false');
    }
  };
  panel.hidden = false;
}
