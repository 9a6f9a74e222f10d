/**
 * @module tests/server/export/footnotes
 * Markers become footnote references and every citation gets one footnote, whatever the answer's shape; the
 * Markdown writer numbers them [^1], [^2]… with reference, quote and link.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { footnoteAnswer, type FootnoteSource, type Piece } from '../../../server/export/footnotes.js';
import { toMarkdown } from '../../../server/export/markdown.js';

const source = (n: number, over: Partial<FootnoteSource> = {}): FootnoteSource => ({
  n,
  reference: `Prague 1997 Recommendations (14 Oct 1997), Recommendation ${n}`,
  quote: `quote ${n}`,
  ...over,
});

const flat = (lines: Piece[][]): string =>
  lines.map((l) => l.map((p) => (typeof p === 'string' ? p : `{${p.footnote}}`)).join('')).join('\n');

describe('footnoteAnswer', () => {
  // Three citations each time; those the answer does not mark are referenced at its end ({…} after the text).
  it.each([
    ['one marker', 'Carriers can be fined [1].', 'Carriers can be fined{1}.{2}{3}'],
    ['a group', 'Both say so [1, 2].', 'Both say so{1}{2}.{3}'],
    ['a range', 'All three [1-3].', 'All three{1}{2}{3}.'],
    ['adjacent markers', 'Fines [1][2] apply [3].', 'Fines{1}{2} apply{3}.'],
    ['a year span, which is no marker', 'From [1990-1995] on [1].', 'From [1990-1995] on{1}.{2}{3}'],
    ['a number without a citation', 'See [7] and [1-3].', 'See [7] and{1}{2}{3}.'],
  ])('%s', (_name, answer, expected) => {
    expect(flat(footnoteAnswer(answer, [source(1), source(2), source(3)]).lines)).toBe(expected);
  });

  it('references a citation the answer never marks at the end of its last line', () => {
    const { lines } = footnoteAnswer('First line [1].\n\nLast line.\n\n', [source(1), source(2)]);
    expect(flat(lines)).toBe('First line{1}.\n\nLast line.{2}\n\n');
  });

  it('numbers footnotes 1, 2… in citation order, with whitespace in quotes collapsed', () => {
    const { footnotes } = footnoteAnswer('x [4] y [9]', [source(4, { quote: 'a\n  b' }), source(9)]);
    expect(footnotes.map((f) => [f.id, f.n, f.quote])).toEqual([
      [1, 4, 'a b'],
      [2, 9, 'quote 9'],
    ]);
  });

  it('keeps every character of the answer outside its markers, and references every citation (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('[1]', '[2]', '[1, 2]', '\n', ' [3] ')), { maxLength: 12 }),
        (parts) => {
          const answer = parts.join('');
          const { lines, footnotes } = footnoteAnswer(answer, [source(1), source(2), source(3)]);
          const referenced = new Set(lines.flat().flatMap((p) => (typeof p === 'string' ? [] : [p.footnote])));
          expect([...referenced].sort()).toEqual(footnotes.map((f) => f.id));
          const text = lines.map((l) => l.filter((p): p is string => typeof p === 'string').join('')).join('\n');
          const withoutMarkers = answer.replace(/\r\n?/g, '\n').replace(/(?<![ \t])[ \t]*\[\s*\d[\d\s,;–-]*\]/g, '');
          expect(text.replace(/\s+/g, '')).toBe(withoutMarkers.replace(/\s+/g, ''));
        },
      ),
    );
  });
});

describe('toMarkdown', () => {
  it('writes the question, the answer with [^n] references, then one footnote per citation', () => {
    const markdown = toMarkdown(
      footnoteAnswer(
        'Carriers can be fined [1].',
        [
          source(1, {
            quote: 'by fining and holding the carriers liable',
            link: 'https://a.example/documents/p#rec-1',
          }),
        ],
        'What about carriers?',
      ),
    );
    expect(markdown).toBe(
      [
        '# What about carriers?',
        '',
        'Carriers can be fined[^1].',
        '',
        '[^1]: Prague 1997 Recommendations (14 Oct 1997), Recommendation 1. “by fining and holding the carriers liable” <https://a.example/documents/p#rec-1>',
        '',
      ].join('\n'),
    );
  });
});
