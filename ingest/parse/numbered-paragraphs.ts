/**
 * @module ingest/parse/numbered-paragraphs
 * Meeting reports: paragraphs "1." … "N." in sequence, each a unit `<doc>:para-N`. Unnumbered text
 * before paragraph 1 becomes `intro-N` units, text after the last paragraph a closing unit, and short
 * unpunctuated lines between paragraphs are headings for the paragraphs below them.
 */
import type { Unit } from '../../core/types.js';
import { blockText, isBlank, type Line, splitLines, toBlocks } from './layout.js';
import { canStartItem, expectedNumber, type Marker } from './markers.js';
import { closingDrafts, findClosingStart, introDrafts, isTitleBlock } from './regions.js';
import { finishUnits, type ParseContext, type UnitDraft } from './units.js';

interface ItemStart {
  line: Line;
  marker: Marker;
  number: number;
}

/** Lines opening paragraphs 1, 2, 3… in unbroken sequence. */
export function paragraphStarts(lines: Line[]): ItemStart[] {
  const starts: ItemStart[] = [];
  for (const line of lines) {
    const number = starts.length + 1;
    const marker = expectedNumber(line, number);
    if (marker && canStartItem(lines, line.index)) starts.push({ line, marker, number });
  }
  return starts;
}

export function parseNumberedParagraphs(ctx: ParseContext): Unit[] {
  const lines = splitLines(ctx.paged.text);
  const starts = paragraphStarts(lines);
  const drafts: UnitDraft[] = [];
  const firstIndex = starts.length > 0 ? starts[0].line.index : lines.length;
  let section = introDrafts(ctx, lines, firstIndex, drafts);
  starts.forEach((start, i) => {
    const last = i === starts.length - 1;
    let endIndex = last ? lines.length : starts[i + 1].line.index;
    const heading = last ? null : trailingHeading(lines, start.line.index, endIndex);
    if (heading) endIndex = heading.index;
    if (last) endIndex = findClosingStart(lines, start.line.index, lines.length);
    drafts.push({
      key: `para-${start.number}`,
      label: `Paragraph ${start.number}`,
      kind: 'paragraph',
      number: start.number,
      section,
      start: start.line.start + start.marker.contentOffset,
      end: lastContentEnd(lines, start.line.index, endIndex),
    });
    if (heading) section = ctx.clean(heading.text);
    if (last) drafts.push(...closingDrafts(lines, endIndex, lines.length));
  });
  return finishUnits(ctx, drafts);
}

/** A heading block closing the region lines[from, to), which then belongs to the next paragraph. */
function trailingHeading(lines: Line[], from: number, to: number): { index: number; text: string } | null {
  const blocks = toBlocks(lines.slice(from, to));
  if (blocks.length < 2) return null;
  const last = blocks[blocks.length - 1];
  if (!isTitleBlock(last, blocks[blocks.length - 2])) return null;
  return { index: last.lines[0].index, text: blockText(last) };
}

function lastContentEnd(lines: Line[], from: number, to: number): number {
  for (let i = to - 1; i > from; i--) if (!isBlank(lines[i])) return lines[i].end;
  return lines[from].end;
}
