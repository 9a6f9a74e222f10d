/**
 * @module ingest/parse/heading-layout
 * First pass over an unnumbered document: lines grouped into headings (capitals-only lines, or "#"
 * lines in markdown) and blocks of other lines, split wherever a new page or a fact line begins.
 */
import { captionLines } from './heading-debris.js';
import { type Block, isBlank, isCapsLine, type Line, makeBlock } from './layout.js';

export interface HeadingItem {
  type: 'heading';
  level: number;
  /** The heading's lines joined by spaces. */
  text: string;
  /** The heading's lines, trimmed: how they join is the reader's call ("BERLIN" / "GERMANY"). */
  lines: string[];
  /** Its first line opens a page (extraction marks that line with a leading space). */
  indented: boolean;
  /** Index of its last line. */
  lastLine: number;
}

export interface BlockItem {
  type: 'block';
  block: Block;
  /** Every line of the block is one of a run of numbered photo captions. */
  captions: boolean;
}

export type LayoutItem = HeadingItem | BlockItem;

/** Splits lines into headings (capitals-only or markdown lines) and blocks of other lines. */
export function layoutItems(lines: Line[], markdown: boolean): LayoutItem[] {
  const items: LayoutItem[] = [];
  let block: Line[] = [];
  let caps: Line[] = [];
  const captions = markdown ? new Set<number>() : captionLines(lines);
  const flushBlock = () => {
    if (block.length > 0) {
      items.push({ type: 'block', block: makeBlock(block), captions: block.every((l) => captions.has(l.index)) });
    }
    block = [];
  };
  const heading = (level: number, headingLines: Line[], text: string): HeadingItem => ({
    type: 'heading',
    level,
    text,
    lines: headingLines.map((l) => l.text.trim()),
    indented: /^\s/.test(headingLines[0].text),
    lastLine: headingLines[headingLines.length - 1].index,
  });
  const flushCaps = () => {
    if (caps.length > 0) items.push(heading(1, caps, caps.map((l) => l.text.trim()).join(' ')));
    caps = [];
  };
  for (const line of lines) {
    const hashes = /^\s*(#{1,6})\s+\S/.exec(line.text);
    if (isBlank(line)) {
      flushBlock();
      flushCaps();
    } else if (markdown && hashes) {
      flushBlock();
      flushCaps();
      items.push(heading(hashes[1].length, [line], line.text.trim()));
    } else if (!markdown && isCapsLine(line.text) && (caps.length > 0 || block.length === 0 || /^\s/.test(line.text))) {
      flushBlock();
      // An indented capitals line opens a page, hence a heading of its own.
      if (/^\s/.test(line.text)) flushCaps();
      caps.push(line);
    } else if (/^\s\P{L}*$/u.test(line.text)) {
      // An indented line without letters (" 1.") is a page's first line: page furniture or a
      // chapter number; it stands alone so it cannot tie the pages' texts together.
      flushCaps();
      flushBlock();
      block.push(line);
      flushBlock();
    } else {
      flushCaps();
      // Every indented line starts a page, so a block of its own: the reader decides whether it
      // continues the previous page's sentence, heads something new, or is page debris.
      if (block.length > 0 && (/^\s+\S/.test(line.text) || isMetadataLine(line.text))) flushBlock();
      block.push(line);
    }
  }
  flushBlock();
  flushCaps();
  return items;
}

/** "09.2011-11.2013 | ~600.000 EUR | Funded by …": a fact line under a title, never a sentence. */
export function isMetadataLine(text: string): boolean {
  return (text.match(/\s\|\s/g) ?? []).length >= 2;
}
