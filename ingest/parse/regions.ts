/**
 * @module ingest/parse/regions
 * The unnumbered stretches around numbered items — a title and introduction before the first item,
 * a closing paragraph after the last — and the headings that may sit between items.
 */
import {
  blockText,
  contentLines,
  endsClause,
  isBlank,
  isCapsLine,
  isFurniture,
  type Block,
  type Line,
  makeBlock,
  previousNonBlank,
  toBlocks,
} from './layout.js';
import { headedParagraphLabel } from '../../core/section.js';
import type { ParseContext, UnitDraft } from './units.js';

/** A short block without sentence punctuation, standing after a finished sentence: a heading. */
export function isTitleBlock(block: Block, previous: Block | undefined): boolean {
  if (previous && !endsClause(blockText(previous)) && !isTitleBlock(previous, undefined)) return false;
  if (block.lines.every((l) => isCapsLine(l.text))) return true;
  const text = blockText(block);
  return (
    block.lines.length <= 3 &&
    /^[\p{Lu}(]/u.test(text) &&
    text.split(/\s+/).length <= 24 &&
    block.lines.every((l) => !/[.;:,!?]["'”’)]*\s*$/.test(l.text))
  );
}

/**
 * Blocks of lines[from, to) without furniture, a block that starts in lower case being merged into
 * the one before (a blank line fell mid-sentence).
 */
export function proseBlocks(lines: Line[], from: number, to: number): Block[] {
  const blocks: Block[] = [];
  for (const block of toBlocks(lines.slice(from, to).filter((l) => !isFurniture(l.text)))) {
    const last = blocks[blocks.length - 1];
    if (last && !endsClause(blockText(last)) && /^\s*\p{Ll}/u.test(block.lines[0].text)) {
      blocks[blocks.length - 1] = makeBlock([...last.lines, ...block.lines]);
    } else {
      blocks.push(block);
    }
  }
  return blocks;
}

/**
 * Index of the line in lines(from, to) where a closing text begins after the last numbered item: a
 * new sentence in capitals on its own line after a blank line, once the item's sentence has ended.
 * Returns `to` when there is none.
 */
export function findClosingStart(lines: Line[], from: number, to: number): number {
  for (let i = from + 1; i < to; i++) {
    const line = lines[i];
    if (isBlank(line) || !isBlank(lines[i - 1]) || isFurniture(line.text)) continue;
    const previous = previousNonBlank(lines, i);
    if (previous && /[.!?]["'”’)]*\s*$/.test(previous.text) && /^\s*\p{Lu}/u.test(line.text)) return i;
  }
  return to;
}

/** One closing unit spanning lines[from, to), if it holds any text. */
export function closingDrafts(lines: Line[], from: number, to: number): UnitDraft[] {
  const content = contentLines(lines, from, to);
  return content.length === 0 ? [] : [closingDraft(content[0].start, content[content.length - 1].end)];
}

/** The closing text after the last numbered item (thanks, mandates, follow-up). */
export function closingDraft(start: number, end: number): UnitDraft {
  return { key: 'closing-1', label: 'Closing, paragraph 1', kind: 'paragraph', number: 1, section: '', start, end };
}

/** Intro paragraphs before the first numbered one; returns the heading in force at its end. */
export function introDrafts(ctx: ParseContext, lines: Line[], endIndex: number, out: UnitDraft[]): string {
  let section = '';
  let n = 0;
  proseBlocks(lines, 0, endIndex).forEach((block, i, blocks) => {
    if (isTitleBlock(block, blocks[i - 1])) {
      // Headings above any text are the document's title, not a section of it.
      if (n > 0) section = ctx.clean(blockText(block));
      return;
    }
    n++;
    out.push({
      key: `intro-${n}`,
      label: headedParagraphLabel('Introduction', n),
      kind: 'paragraph',
      number: n,
      section,
      start: block.start,
      end: block.end,
    });
  });
  return section;
}
