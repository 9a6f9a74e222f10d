/**
 * @module server/export/markdown
 * A footnoted answer as Markdown: the question as a heading (when given), the answer with `[^n]` footnote
 * references where its markers were, then one footnote per citation: reference, quote and link.
 */
import type { FootnotedAnswer, Footnote } from './footnotes.js';

function footnoteLine(f: Footnote): string {
  const parts = [f.reference.endsWith('.') ? f.reference : `${f.reference}.`];
  if (f.quote) parts.push(`“${f.quote}”`);
  if (f.link) parts.push(`<${f.link}>`);
  return `[^${f.id}]: ${parts.join(' ')}`;
}

export function toMarkdown({ question, lines, footnotes }: FootnotedAnswer): string {
  const body = lines.map((pieces) => pieces.map((p) => (typeof p === 'string' ? p : `[^${p.footnote}]`)).join(''));
  const head = question ? [`# ${question.replace(/\s+/g, ' ').trim()}`, ''] : [];
  const notes = footnotes.length ? ['', ...footnotes.map(footnoteLine)] : [];
  return `${[...head, ...body, ...notes].join('\n').trim()}\n`;
}
