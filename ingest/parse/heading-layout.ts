/**
 * @module ingest/parse/heading-layout
 * First pass over an unnumbered document: lines grouped into headings (capitals-only lines, or "#"
 * lines in markdown) and blocks of other lines, split wherever a new page or a fact line begins.
 */
import { type Block, isBlank, isCapsLine, type Line, makeBlock } from './layout.js';

export type LayoutItem = { type: 'heading'; level: number; text: string } | { type: 'block'; block: Block };

/** Splits lines into headings (capitals-only or markdown lines) and blocks of other lines. */
export function layoutItems(lines: Line[], markdown: boolean): LayoutItem[] {
  const items: LayoutItem[] = [];
  let block: Line[] = [];
  let caps: Line[] = [];
  const flushBlock = () => {
    if (block.length > 0) items.push({ type: 'block', block: makeBlock(block) });
    block = [];
  };
  const flushCaps = () => {
    if (caps.length > 0) items.push({ type: 'heading', level: 1, text: caps.map((l) => l.text.trim()).join(' ') });
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
      items.push({ type: 'heading', level: hashes[1].length, text: line.text.trim() });
    } else if (!markdown && isCapsLine(line.text) && (caps.length > 0 || block.length === 0 || /^\s/.test(line.text))) {
      flushBlock();
      // An indented capitals line opens a page, hence a heading of its own.
      if (/^\s/.test(line.text)) flushCaps();
      caps.push(line);
    } else if (/^\s+\P{L}*$/u.test(line.text)) {
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
