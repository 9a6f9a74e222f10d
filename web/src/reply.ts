/**
 * @module web/src/reply
 * A finished answer as the conversation shows it: the cited answer (cited-answer.ts), or the decline with
 * the closest matches; then the mode, any notice, and what the reader can take away (reply-actions.ts).
 */
import { renderCitedAnswer } from './cited-answer.js';
import { el } from './dom.js';
import { collapseWhitespace, declineParts, docShortTitle, modeLabel, safeHref, type Exchange } from './format.js';
import { replyActions } from './reply-actions.js';
import type { ChatReply, DocumentSummary } from './types.js';

function truncate(text: string, max: number): string {
  const t = collapseWhitespace(text);
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max * 0.6 ? space : max)}…`;
}

function renderDeclined(reply: ChatReply, docs: readonly DocumentSummary[]): HTMLElement[] {
  const { lead, extra } = declineParts(reply.answer);
  const nodes: HTMLElement[] = [el('p', { class: 'answer__text decline' }, lead)];
  if (extra) nodes.push(el('p', { class: 'answer__text muted' }, extra));
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
  return nodes;
}

/** The finished answer: cited text or decline, then the meta line with its actions. */
export function renderReply(exchange: Exchange, docs: readonly DocumentSummary[]): Node[] {
  const { reply } = exchange;
  const answer =
    reply.grounded || reply.citations.length ? renderCitedAnswer(reply, docs) : renderDeclined(reply, docs);
  return [
    ...answer,
    el(
      'footer',
      { class: 'msg__meta' },
      el('p', { class: `mode mode--${reply.mode}` }, modeLabel(reply.mode)),
      reply.notice ? el('p', { class: 'notice' }, reply.notice) : null,
      replyActions(exchange, docs),
    ),
  ];
}
