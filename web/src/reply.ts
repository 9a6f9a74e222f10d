/**
 * @module web/src/reply
 * A finished answer as the conversation shows it: the text with citation chips and its source panel, or the
 * decline with the closest matches; then the mode, any notice, and "Copy answer".
 */
import { citationPanel, renderCitedAnswer } from './citation-panel.js';
import { copyText } from './copy.js';
import { el } from './dom.js';
import {
  DECLINE_MESSAGE,
  answerAsPlainText,
  collapseWhitespace,
  docShortTitle,
  mentionsDecline,
  modeLabel,
  safeHref,
} from './format.js';
import type { ChatReply, DocumentSummary } from './types.js';

function truncate(text: string, max: number): string {
  const t = collapseWhitespace(text);
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max * 0.6 ? space : max)}…`;
}

/** The finished answer: text with chips, the source panel, closest matches when declined, meta line. */
export function renderReply(reply: ChatReply, docs: DocumentSummary[]): Node[] {
  const nodes: Node[] = [];
  if (reply.grounded) {
    const panel = citationPanel();
    nodes.push(renderCitedAnswer(reply, docs, panel), panel);
  } else {
    nodes.push(el('p', { class: 'answer__text decline' }, DECLINE_MESSAGE));
    const extra = reply.answer.trim();
    if (extra && !mentionsDecline(extra)) nodes.push(el('p', { class: 'answer__text muted' }, extra));
    const matches = reply.closestMatches ?? [];
    if (matches.length) {
      nodes.push(
        el(
          'div',
          { class: 'closest' },
          el('h3', { class: 'closest__title' }, 'Closest matches'),
          el(
            'ul',
            { class: 'closest__list' },
            ...matches.map((m) =>
              el(
                'li',
                null,
                el('a', { attrs: { href: safeHref(m.url) } }, m.label || 'Passage'),
                ' — ',
                el('span', { class: 'closest__doc' }, docShortTitle(docs, m.documentId, m.documentTitle)),
                m.text ? el('p', { class: 'closest__text' }, truncate(m.text, 180)) : null,
              ),
            ),
          ),
        ),
      );
    }
  }
  nodes.push(renderMeta(reply, docs));
  return nodes;
}

/** The mode, any notice, and "Copy answer". */
function renderMeta(reply: ChatReply, docs: DocumentSummary[]): HTMLElement {
  const copy = el('button', { class: 'copy', attrs: { type: 'button' } }, 'Copy answer');
  const status = el('span', { class: 'copy__status', attrs: { role: 'status' } });
  copy.addEventListener('click', () => {
    void copyText(answerAsPlainText(reply, docs)).then((ok) => {
      status.textContent = ok ? 'Copied' : 'Could not copy; select the text instead.';
      window.setTimeout(() => (status.textContent = ''), 2500);
    });
  });
  return el(
    'footer',
    { class: 'msg__meta' },
    el('p', { class: `mode mode--${reply.mode}` }, modeLabel(reply.mode)),
    reply.notice ? el('p', { class: 'notice' }, reply.notice) : null,
    el('p', { class: 'msg__actions' }, copy, ' ', status),
  );
}
