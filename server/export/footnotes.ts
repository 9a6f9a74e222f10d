/**
 * @module server/export/footnotes
 * An answer with its citations as footnotes, whatever the output format: the answer's lines, each cut into
 * text and footnote references where its [n] markers were ("[1, 2]" and "[1-3]" become one reference per
 * citation), and one footnote per citation (reference, quote, link). A citation the answer never marks is
 * referenced at the end of its last line, so no source is dropped. Pure.
 */
import { collapseWhitespace } from '../../core/text/fold.js';
import { markersIn } from '../verify/verify-citations.js';

/** What a footnote says about one citation. */
export interface FootnoteSource {
  /** The citation's [n] in the answer. */
  n: number;
  reference: string;
  quote: string;
  link?: string;
}

export interface Footnote extends FootnoteSource {
  /** 1, 2, 3… in citation order; what the output format numbers the footnote by. */
  id: number;
}

/** A run of answer text, or a reference to a footnote by its id. */
export type Piece = string | { footnote: number };

export interface FootnotedAnswer {
  question?: string;
  /** The answer's lines, in order (blank lines kept as empty lines). */
  lines: Piece[][];
  footnotes: Footnote[];
}

// A bracketed group of numbers, read as markers by the verifier's own rules ("[1]", "[1, 2]", "[1-3]").
const MARKER_GROUP = /\[\s*\d[\d\s,;–-]*\]/g;

function piecesOf(line: string, idOf: ReadonlyMap<number, number>, referenced: Set<number>): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  for (const m of line.matchAll(MARKER_GROUP)) {
    const ids = markersIn(m[0]).flatMap((n) => idOf.get(n) ?? []);
    // A group naming no citation ("[1990-1995]", a number with no source) is text.
    if (ids.length === 0) continue;
    // The space before a marker goes: a footnote reference sits on the word.
    pieces.push(line.slice(at, m.index).replace(/(?<![ \t])[ \t]+$/, ''));
    for (const id of ids) {
      pieces.push({ footnote: id });
      referenced.add(id);
    }
    at = m.index + m[0].length;
  }
  pieces.push(line.slice(at));
  return pieces.filter((p) => p !== '');
}

export function footnoteAnswer(answer: string, sources: readonly FootnoteSource[], question?: string): FootnotedAnswer {
  const footnotes = sources.map((s, i): Footnote => ({
    ...s,
    id: i + 1,
    quote: collapseWhitespace(s.quote),
    reference: s.reference.trim(),
  }));
  const idOf = new Map<number, number>();
  for (const f of footnotes) if (!idOf.has(f.n)) idOf.set(f.n, f.id);
  const referenced = new Set<number>();
  const lines = answer
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => piecesOf(line, idOf, referenced));
  const unreferenced = footnotes.filter((f) => !referenced.has(f.id)).map((f): Piece => ({ footnote: f.id }));
  if (unreferenced.length > 0) {
    let last = lines.length - 1;
    while (last > 0 && lines[last].length === 0) last--;
    lines[last] = [...lines[last], ...unreferenced];
  }
  return { ...(question ? { question } : {}), lines, footnotes };
}
