/**
 * @module web/src/citation-panel
 * An answer's citation chips and the one source panel they share. Pressing a chip (click, Enter or Space)
 * opens its source directly beneath the paragraph, list item or table that holds the chip, scrolled into
 * view above the sticky question box; pressing it again, the × or Escape closes it, and Escape gives the
 * focus back to the chip. Focus alone opens nothing, so tabbing through the chips is quiet.
 */
import { el, replaceChildren, uid } from './dom.js';
import { chipLabel, citationHref, citationName, collapseWhitespace, docDateLabel, docShortTitle } from './format.js';
import type { Citation, DocumentSummary } from './types.js';
import { citationProblem } from './warnings.js';

/** Where a chip's panel goes: after the block that holds the chip (inside a list item, before its sub-list). */
const HOSTS = 'li, .table-scroll, p, h3, h4, h5, h6, blockquote, pre';

function placeBeneath(panel: HTMLElement, chip: HTMLElement, body: HTMLElement): void {
  const host = chip.closest(HOSTS);
  if (!host || !body.contains(host)) {
    body.append(panel);
    return;
  }
  if (host.tagName === 'LI') {
    const subList = [...host.children].find((child) => child.tagName === 'UL' || child.tagName === 'OL');
    host.insertBefore(panel, subList ?? null);
    return;
  }
  host.after(panel);
}

/** How much of the window's bottom the page says is covered (the sticky question box): its scroll padding. */
function coveredBottom(): number {
  const padding = parseFloat(getComputedStyle(document.documentElement).scrollPaddingBottom);
  return Number.isFinite(padding) ? padding : 0;
}

/**
 * Scrolls just enough for the panel to be seen whole above the covered bottom, keeping the chip on screen
 * when both fit; when they do not, the panel's top goes to the top of the window.
 */
function reveal(panel: HTMLElement, chip: HTMLElement): void {
  const margin = 12;
  const bottom = window.innerHeight - coveredBottom() - margin;
  const p = panel.getBoundingClientRect();
  const c = chip.getBoundingClientRect();
  let by = 0;
  if (p.bottom > bottom) {
    const needed = p.bottom - bottom;
    by = needed <= c.top - margin ? needed : Math.min(needed, p.top - margin);
  } else if (c.top < margin) {
    by = c.top - margin;
  }
  if (by !== 0) window.scrollBy(0, by);
}

export interface ChipWarning {
  /** Shown after the chip's label in its accessible name and title. */
  reason: string;
  /** `invalid`: the citation failed its check; `flagged`: a sentence citing it was flagged. */
  kind: 'invalid' | 'flagged';
}

export class SourcePanel {
  readonly element: HTMLElement;
  private readonly chips: HTMLButtonElement[] = [];
  private open: HTMLButtonElement | null = null;

  /** `body` is the rendered answer the chips sit in. */
  constructor(
    private readonly body: HTMLElement,
    private readonly docs: readonly DocumentSummary[],
  ) {
    this.element = el('div', { class: 'cite-panel', attrs: { id: uid('cite-panel'), role: 'region', hidden: true } });
    this.element.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.open) {
        e.preventDefault();
        this.close(true);
      }
    });
  }

  /** A chip for citation `c`; several chips may show the same citation. */
  chip(c: Citation & { problem?: string }): HTMLButtonElement {
    const label = chipLabel(c, this.docs);
    const source = citationName(c, this.docs);
    const b = el(
      'button',
      {
        class: 'chip',
        attrs: {
          type: 'button',
          'aria-expanded': 'false',
          'aria-controls': this.element.id,
          'data-n': c.n,
          'data-source': source,
          title: source,
        },
      },
      label,
    );
    b.addEventListener('click', () => (this.open === b ? this.close(false) : this.show(c, b)));
    b.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.open === b) {
        e.preventDefault();
        this.close(true);
      }
    });
    this.chips.push(b);
    return b;
  }

  /** Marks a chip as concerned by a warning: a warning style, and the reason in its name and title. */
  warn(chip: HTMLElement, warning: ChipWarning): void {
    chip.classList.add(warning.kind === 'invalid' ? 'chip--invalid' : 'chip--flagged');
    const label = chip.textContent ?? '';
    const prefix = warning.kind === 'invalid' ? 'not verified' : 'flagged';
    const reasons = [chip.dataset.reasons, `${prefix}: ${warning.reason}`].filter(Boolean).join('; ');
    chip.dataset.reasons = reasons;
    chip.setAttribute('aria-label', `${label} (${reasons})`);
    chip.title = `${chip.dataset.source ?? label} — ${reasons}`;
  }

  close(returnFocus: boolean): void {
    const chip = this.open;
    this.element.hidden = true;
    this.open = null;
    for (const other of this.chips) other.setAttribute('aria-expanded', 'false');
    if (returnFocus && chip) chip.focus({ preventScroll: true });
  }

  private show(c: Citation & { problem?: string }, chip: HTMLButtonElement): void {
    this.open = chip;
    for (const other of this.chips) other.setAttribute('aria-expanded', String(other === chip));
    const doc = this.docs.find((d) => d.id === c.documentId);
    const when = doc ? docDateLabel(doc) : '';
    const titleId = uid('cite-title');
    const close = el(
      'button',
      { class: 'cite-panel__close', attrs: { type: 'button', 'aria-label': 'Close source' } },
      '×',
    );
    close.addEventListener('click', () => this.close(true));
    const problem = citationProblem(c);
    replaceChildren(
      this.element,
      el(
        'div',
        { class: 'cite-panel__head' },
        el(
          'p',
          { class: 'cite-panel__title', attrs: { id: titleId } },
          el('strong', null, c.label || 'Passage'),
          ' · ',
          docShortTitle(this.docs, c.documentId, c.documentTitle),
          when ? el('span', { class: 'cite-panel__date' }, ` (${when})`) : null,
        ),
        close,
      ),
      c.section ? el('p', { class: 'cite-panel__section' }, c.section) : null,
      el('blockquote', { class: 'cite-panel__quote' }, collapseWhitespace(c.quote || c.text)),
      problem ? el('p', { class: 'cite-panel__warn' }, `Not verified: ${problem}`) : null,
      el(
        'p',
        { class: 'cite-panel__foot' },
        el('a', { class: 'cite-panel__link', attrs: { href: citationHref(c) } }, 'Open in document'),
        c.page !== null ? el('span', { class: 'muted' }, ` · page ${c.page}`) : null,
      ),
    );
    this.element.setAttribute('aria-labelledby', titleId);
    placeBeneath(this.element, chip, this.body);
    this.element.hidden = false;
    reveal(this.element, chip);
  }
}
