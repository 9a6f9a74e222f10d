/**
 * @module web/src/cited-answer
 * An answer that cites the documents, as the conversation shows it: its markdown rendered (answer-html.ts)
 * with a chip per marker and the source panel the chips share (citation-panel.ts); citations the answer
 * never marks listed as "Also cited"; and its warnings shown where they are (flag-marks.ts) — failed
 * citations and flagged sentences in a warning style with their reasons, a partial answer marked as such,
 * and any flagged text that cannot be found in the answer listed below it.
 */
import { renderAnswerMarkdown } from './answer-html.js';
import { SourcePanel } from './citation-panel.js';
import { el } from './dom.js';
import { markWarnings } from './flag-marks.js';
import { collapseWhitespace } from './format.js';
import type { ChatReply, DocumentSummary, PageCitation } from './types.js';
import { WARNING_TITLES, answerWarnings, citationProblem, type AnswerWarning } from './warnings.js';

function unplacedList(warnings: readonly AnswerWarning[]): HTMLElement {
  return el(
    'div',
    { class: 'flag-list' },
    el('p', { class: 'flag-list__title' }, 'Flagged in this answer'),
    el(
      'ul',
      null,
      ...warnings.map((w) =>
        el(
          'li',
          null,
          el('strong', null, `${WARNING_TITLES[w.code]}: `),
          `“${collapseWhitespace(w.text)}” — ${w.reason}`,
        ),
      ),
    ),
  );
}

/** True for a reply that does not answer what was asked but says what the documents do say on the topic. */
export function isPartial(reply: ChatReply): boolean {
  return !reply.grounded && reply.citations.length > 0;
}

export function renderCitedAnswer(reply: ChatReply, docs: readonly DocumentSummary[]): HTMLElement[] {
  const body = el('div', { class: 'answer__text answer__body' });
  const panel = new SourcePanel(body, docs);
  const byN = new Map<number, PageCitation>(reply.citations.map((c) => [c.n, c]));
  const marked = new Set<number>();
  body.append(
    renderAnswerMarkdown(reply.answer, {
      isCitation: (n) => byN.has(n),
      marker: (n) => {
        marked.add(n);
        return panel.chip(byN.get(n) as PageCitation);
      },
    }),
  );
  // A citation the answer never marks would otherwise be invisible; list it so every source is reachable.
  const unmarked = reply.citations.filter((c) => !marked.has(c.n));
  if (unmarked.length) {
    body.append(
      el(
        'p',
        { class: 'also-cited' },
        el('span', { class: 'also-cited__label' }, 'Also cited: '),
        ...unmarked.map((c) => panel.chip(c)),
      ),
    );
  }
  body.append(panel.element);

  for (const chip of body.querySelectorAll<HTMLElement>('.chip')) {
    const citation = byN.get(Number(chip.dataset.n));
    const problem = citation ? citationProblem(citation) : null;
    if (problem) panel.warn(chip, { kind: 'invalid', reason: problem });
  }
  const { unplaced, chips } = markWarnings(body, answerWarnings(reply));
  for (const { chip, warning } of chips) panel.warn(chip, { kind: 'flagged', reason: warning.reason });

  const parts: HTMLElement[] = [];
  if (isPartial(reply)) parts.push(el('p', { class: 'partial-badge' }, 'Partial answer'));
  parts.push(body);
  if (unplaced.length) parts.push(unplacedList(unplaced));
  return parts;
}
