/**
 * @module web/src/answer-html
 * An answer's markdown as DOM nodes. markdown.ts writes the HTML; DOMPurify then keeps only an allow-list of
 * tags (text formatting, lists, tables, headings, links) and attributes (href to a same-site path or
 * http(s), the citation placeholders'), so nothing the server or a model writes can become script, style,
 * an image or a form. Citation placeholders are then swapped for the caller's nodes (chips), and tables are
 * wrapped so a wide one scrolls inside the answer instead of widening a phone's page.
 */
import DOMPurify from 'dompurify';
import { el } from './dom.js';
import { SAFE_LINK, answerToHtml } from './markdown.js';

/** The tags an answer may contain: what markdown.ts writes for text, lists, tables, headings and links. */
export const ANSWER_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'hr',
  'a',
  'span',
];
const ALLOWED_ATTR = ['href', 'start', 'data-cite'];

export interface AnswerMarkers {
  /** Whether the answer has a citation numbered `n`. */
  isCitation(n: number): boolean;
  /** The node that stands for marker `n` (a chip; while streaming, the marker as text). */
  marker(n: number): Node;
}

/** The answer's markdown, sanitised, with chips in place of its markers. */
export function renderAnswerMarkdown(answer: string, markers: AnswerMarkers): DocumentFragment {
  const html = answerToHtml(answer, markers);
  const sanitised = DOMPurify.sanitize(html, {
    ALLOWED_TAGS: ANSWER_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    // Every attribute value not marked URI-safe is checked as an address; only links should be.
    ALLOWED_URI_REGEXP: SAFE_LINK,
    ADD_URI_SAFE_ATTR: ['start', 'data-cite'],
    RETURN_DOM_FRAGMENT: true,
  });
  // DOMPurify builds in a document of its own; adopting the fragment makes its nodes the page's.
  const fragment = document.adoptNode(sanitised);
  for (const placeholder of fragment.querySelectorAll<HTMLElement>('span[data-cite]')) {
    const n = Number(placeholder.dataset.cite);
    placeholder.replaceWith(Number.isInteger(n) && markers.isCitation(n) ? markers.marker(n) : `[${n}]`);
  }
  for (const table of fragment.querySelectorAll('table')) {
    const scroller = el('div', { class: 'table-scroll' });
    table.replaceWith(scroller);
    scroller.append(table);
  }
  return fragment;
}
