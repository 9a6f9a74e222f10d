/**
 * @module web/src/markdown
 * An answer's markdown as HTML text, ready for the sanitiser (answer-html.ts): paragraphs, emphasis, lists,
 * tables and headings by `marked` (GFM, line breaks kept), with the page's own rules on top:
 * - a citation marker ("[3]", "[1, 2]") becomes an empty `<span data-cite="3">` placeholder for a chip when
 *   `isCitation` says the answer has that citation; otherwise it stays text;
 * - raw HTML in the answer is shown as text, never passed on as markup;
 * - headings start at <h3> whatever level the answer uses (the page and the conversation own h1 and h2);
 * - images become their alt text, and only same-site paths and http(s) addresses stay links;
 * - link reference definitions ("[1]: …") are not read as such, so a line of sources stays visible.
 * Pure string work, no DOM: unit-tested in Node.
 */
import { Marked, type TokenizerAndRendererExtension, type Tokens } from 'marked';

export interface MarkdownOptions {
  /** Whether the answer has a citation numbered `n`; a marker naming none stays text. */
  isCitation(n: number): boolean;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

// "[3]" and the grouped forms a model may write, "[1, 2]" or "[1; 4]"; not "[1](…)", which is a link. Bounded
// digit runs keep "[1997]" a year.
const MARKER = /^\[(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\](?!\()/;

/** Addresses a link may keep: a same-site path ("/documents/…", not "//elsewhere") or http(s). */
export const SAFE_LINK = /^(?:https?:\/\/|\/(?![/\\]))/i;

function citationMarkers(options: MarkdownOptions): TokenizerAndRendererExtension {
  return {
    name: 'citationMarker',
    level: 'inline',
    start(src) {
      const at = src.indexOf('[');
      return at < 0 ? undefined : at;
    },
    tokenizer(src) {
      const m = MARKER.exec(src);
      if (!m) return undefined;
      return { type: 'citationMarker', raw: m[0], numbers: m[1].split(/[,;]/).map((n) => Number(n.trim())) };
    },
    renderer(token) {
      const numbers = token.numbers as number[];
      if (!numbers.some((n) => options.isCitation(n))) return escapeHtml(token.raw);
      return numbers
        .map((n) => (options.isCitation(n) ? `<span data-cite="${n}"></span>` : escapeHtml(`[${n}]`)))
        .join('');
    },
  };
}

/** The answer as HTML text: still to be sanitised before it reaches the page. */
export function answerToHtml(answer: string, options: MarkdownOptions): string {
  // Set from the parsed answer before rendering: its shallowest heading becomes <h3>.
  let topDepth = 1;
  const md = new Marked({
    gfm: true,
    breaks: true,
    async: false,
    extensions: [citationMarkers(options)],
    // No HTML blocks (a line opening with a tag stays a paragraph, so its markers still become chips) and no
    // link definitions.
    tokenizer: {
      html: () => undefined,
      def: () => undefined,
    },
    renderer: {
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(text);
      },
      heading({ tokens, depth }) {
        const level = Math.min(6, 3 + depth - topDepth);
        return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
      },
      image({ text }) {
        return escapeHtml(text);
      },
      link({ href, tokens }) {
        const inner = this.parser.parseInline(tokens);
        return SAFE_LINK.test(href) ? `<a href="${escapeHtml(href)}">${inner}</a>` : inner;
      },
      checkbox({ checked }) {
        return checked ? '☑ ' : '☐ ';
      },
    },
  });
  const tokens = md.lexer(answer.replace(/\r\n?/g, '\n'));
  let shallowest = 7;
  // The callback is synchronous; walkTokens returns its (empty) results for async use only.
  void md.walkTokens(tokens, (t) => {
    if (t.type === 'heading') shallowest = Math.min(shallowest, (t as Tokens.Heading).depth);
  });
  if (shallowest < 7) topDepth = shallowest;
  return md.parser(tokens);
}
