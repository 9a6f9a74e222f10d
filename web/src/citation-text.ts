/**
 * @module web/src/citation-text
 * What "Copy with citations" puts on the clipboard: the answer as plain text with its [n] markers, then one
 * numbered footnote per citation — reference, quote, link — so a policy writer can paste it into a draft
 * and keep every source. A declined answer is copied as the page shows it, with its closest matches.
 * Pure, unit-tested in Node.
 */
import { collapseWhitespace, declineParts, docShortTitle, safeHref } from './format.js';
import { markdownToPlainText } from './plain-text.js';
import type { ChatReply, Citation, DocNaming } from './types.js';

/** The citation's address: the server's absolute `link` (PUBLIC_URL), else its path on this page's origin. */
export function citationLink(citation: Pick<Citation, 'url' | 'link'>, origin: string): string {
  if (citation.link && /^https?:\/\//i.test(citation.link)) return citation.link;
  return `${origin.replace(/(?<!\/)\/+$/, '')}${safeHref(citation.url)}`;
}

/** `[1] Prague 1997 Recommendations (14 Oct 1997), Recommendation 18. “quote” https://…` */
export function footnoteLine(citation: Citation, docs: readonly DocNaming[], origin: string): string {
  const reference =
    citation.reference.trim() ||
    [docShortTitle(docs, citation.documentId, citation.documentTitle), citation.label.trim()]
      .filter(Boolean)
      .join(', ');
  const quote = collapseWhitespace(citation.quote);
  const parts = [/[.!?]$/.test(reference) ? reference : `${reference}.`];
  if (quote) parts.push(`“${quote}”`);
  parts.push(citationLink(citation, origin));
  return `[${citation.n}] ${parts.join(' ')}`;
}

/** The answer as plain text followed by its numbered footnotes (reference, quote, link). */
export function answerWithFootnotes(reply: ChatReply, docs: readonly DocNaming[], origin: string): string {
  if (!reply.citations.length) return declinedAsText(reply, docs);
  const cites = [...reply.citations].sort((a, b) => a.n - b.n);
  return [markdownToPlainText(reply.answer), cites.map((c) => footnoteLine(c, docs, origin)).join('\n')].join('\n\n');
}

function declinedAsText(reply: ChatReply, docs: readonly DocNaming[]): string {
  const parts: string[] = [];
  if (reply.grounded) parts.push(markdownToPlainText(reply.answer.trim()));
  else {
    const { lead, extra } = declineParts(reply.answer);
    parts.push(lead);
    if (extra) parts.push(markdownToPlainText(extra));
  }
  const matches = reply.closestMatches ?? [];
  if (matches.length) {
    parts.push(
      [
        'Closest matches:',
        ...matches.map((m) => `- ${m.label}, ${docShortTitle(docs, m.documentId, m.documentTitle)}`),
      ].join('\n'),
    );
  }
  return parts.join('\n\n');
}
