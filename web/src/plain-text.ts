/**
 * @module web/src/plain-text
 * An answer's markdown as plain text for pasting where markup means nothing (an e-mail, a draft): emphasis
 * marks and heading hashes go, list items keep a "- " or "1. ", table rows become "cell | cell" lines, and
 * [n] markers stay as written, to match the footnotes that follow them. Read with marked's lexer rather than
 * patterns, so it takes apart whatever markdown arrives the way the page renders it. Pure.
 */
import { Lexer, type Token, type Tokens } from 'marked';

function inline(tokens: readonly Token[] | undefined): string {
  if (!tokens) return '';
  return tokens
    .map((t) => {
      switch (t.type) {
        case 'br':
          return '\n';
        case 'strong':
        case 'em':
        case 'del':
        case 'link':
          return inline((t as Tokens.Strong).tokens);
        case 'image':
          return (t as Tokens.Image).text;
        case 'codespan':
          return (t as Tokens.Codespan).text;
        default:
          return 'tokens' in t && t.tokens ? inline(t.tokens) : 'text' in t ? String(t.text) : t.raw;
      }
    })
    .join('');
}

function indent(text: string, by: string): string {
  return text.replace(/\n(?=.)/g, `\n${by}`);
}

function block(t: Token): string {
  switch (t.type) {
    case 'space':
    case 'hr':
      return '';
    case 'paragraph':
    case 'heading':
      return inline((t as Tokens.Paragraph).tokens).trim();
    case 'text':
      return 'tokens' in t && t.tokens ? inline(t.tokens).trim() : String((t as Tokens.Text).text).trim();
    case 'code':
      return (t as Tokens.Code).text;
    case 'blockquote':
      return blocks((t as Tokens.Blockquote).tokens)
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'list': {
      const list = t as Tokens.List;
      const first = typeof list.start === 'number' ? list.start : 1;
      return list.items
        .map((item, i) => {
          const bullet = list.ordered ? `${first + i}. ` : '- ';
          return bullet + indent(blocks(item.tokens, '\n'), ' '.repeat(bullet.length));
        })
        .join('\n');
    }
    case 'table': {
      const table = t as Tokens.Table;
      const row = (cells: Tokens.TableCell[]): string => cells.map((c) => inline(c.tokens).trim()).join(' | ');
      return [row(table.header), ...table.rows.map(row)].join('\n');
    }
    default:
      return t.raw.trim();
  }
}

function blocks(tokens: readonly Token[], separator = '\n\n'): string {
  return tokens
    .map(block)
    .filter((text) => text !== '')
    .join(separator);
}

/** The answer as plain text, paragraphs and lists separated by blank lines. */
export function markdownToPlainText(markdown: string): string {
  const lexer = new Lexer({ gfm: true, breaks: true });
  return blocks(lexer.lex(markdown.replace(/\r\n?/g, '\n')));
}
