/**
 * @module ingest/parse/recommendations
 * Ministerial recommendations: preamble recitals, then groups under headings (optionally lettered
 * sub-headings), each group a run of considerations ("Recognizing that…") and numbered
 * recommendations. Considerations are numbered through the document; text after the last
 * recommendation that no recommendation follows is the closing.
 */
import type { Unit } from '../../core/types.js';
import { type Block, blockText, endsClause, type Line, splitLines, toBlocks } from './layout.js';
import { canStartItem, expectedLetter, expectedNumber, nextLetter } from './markers.js';
import { parseNumberedParagraphs } from './numbered-paragraphs.js';
import { startsWithOpener } from './openers.js';
import { PREAMBLE, firstTextLine, recitalDrafts } from './recitals.js';
import { closingDraft, isTitleBlock } from './regions.js';
import { finishUnits, type ParseContext, sectionPath, type UnitDraft } from './units.js';

type ItemKind = 'recommendation' | 'consideration';

interface Item {
  kind: ItemKind;
  number: number | null;
  section: string;
  start: number;
  end: number;
}

interface BodyState {
  group: string;
  sub: string;
  nextSub: string;
  nextRecommendation: number;
  items: Item[];
}

export function parseRecommendations(ctx: ParseContext): Unit[] {
  const lines = splitLines(ctx.paged.text);
  const blocks = toBlocks(lines, startsParagraph);
  const preambleStart = firstTextLine(lines, 0, lines.length);
  const bodyAt = blocks.findIndex(
    (b, i) => b.lines[0].index > preambleStart && (isRecommendationStart(lines, b, 1) || isHeading(blocks, i, 'a')),
  );
  if (bodyAt < 0) return parseNumberedParagraphs(ctx);
  const bodyLine = blocks[bodyAt].lines[0].index;
  const drafts = recitalDrafts(lines, preambleStart, bodyLine, PREAMBLE);
  const items = bodyItems(ctx, lines, blocks, bodyAt);
  if (!items.some((item) => item.kind === 'recommendation')) return parseNumberedParagraphs(ctx);
  return finishUnits(ctx, [...drafts, ...itemDrafts(items)]);
}

/**
 * Paragraph starts, with or without blank lines between paragraphs (PDF text has none): a new item
 * after a finished one, and an opener ("Appreciating that…") right under a heading line, which has
 * no full stop to end on.
 */
function startsParagraph(line: Line, current: Line[]): boolean {
  const previous = current[current.length - 1];
  if (/^\s*[\p{Lu}\p{N}(]/u.test(line.text) && endsClause(previous.text)) return true;
  return startsWithOpener(line.text) && (/^\s/.test(line.text) || isHeadingShaped(current));
}

function isHeadingShaped(lines: Line[]): boolean {
  return (
    lines.length <= 3 &&
    /^\s*[\p{Lu}(]/u.test(lines[0].text) &&
    lines.every((l) => !/[.;:,!?]["'”’)]*\s*$/.test(l.text))
  );
}

function bodyItems(ctx: ParseContext, lines: Line[], blocks: Block[], from: number): Item[] {
  const state: BodyState = { group: '', sub: '', nextSub: 'a', nextRecommendation: 1, items: [] };
  for (let i = from; i < blocks.length; i++) readBlock(ctx, lines, blocks, i, state);
  return state.items;
}

function readBlock(ctx: ParseContext, lines: Line[], blocks: Block[], i: number, state: BodyState): void {
  const block = blocks[i];
  const first = block.lines[0];
  const current = state.items[state.items.length - 1];
  const section = sectionPath([state.group, state.sub]);
  const recommendation = expectedNumber(first, state.nextRecommendation);
  if (recommendation && canStartItem(lines, first.index)) {
    const start = first.start + recommendation.contentOffset;
    state.items.push({ kind: 'recommendation', number: state.nextRecommendation++, section, start, end: block.end });
  } else if (isHeading(blocks, i, state.nextSub)) {
    readHeading(ctx.clean(blockText(block)), expectedLetter(first, state.nextSub) !== null, state);
  } else if (!current || startsWithOpener(first.text)) {
    state.items.push({ kind: 'consideration', number: null, section, start: block.start, end: block.end });
  } else {
    current.end = block.end;
  }
}

function readHeading(heading: string, lettered: boolean, state: BodyState): void {
  if (lettered) {
    state.sub = heading;
    state.nextSub = nextLetter(state.nextSub);
  } else {
    state.group = heading;
    state.sub = '';
    state.nextSub = 'a';
  }
}

function isRecommendationStart(lines: Line[], block: Block, expected: number): boolean {
  return expectedNumber(block.lines[0], expected) !== null && canStartItem(lines, block.lines[0].index);
}

/**
 * A group heading ("Information exchange on illegal migration") or the next lettered sub-heading:
 * a short unpunctuated block after a finished sentence, followed by what opens a group — a
 * consideration, a recommendation or another heading. The last condition keeps a wrapped list item
 * ("…and its 1978\n\nProtocol;") from passing for a heading.
 */
function isHeading(blocks: Block[], i: number, nextSub: string): boolean {
  const block = blocks[i];
  const first = block.lines[0];
  const lettered = expectedLetter(first, nextSub) !== null;
  if (!lettered && !/^\s*\p{Lu}/u.test(first.text)) return false;
  if (!isTitleBlock(block, blocks[i - 1]) || !endsPrevious(blocks[i - 1])) return false;
  const next = blocks[i + 1];
  if (!next) return false;
  const opening = next.lines[0].text;
  return startsWithOpener(opening) || /^\s*(?:\d{1,3}\.|\([a-z]\))\s/.test(opening) || isTitleBlock(next, undefined);
}

function endsPrevious(previous: Block | undefined): boolean {
  return previous === undefined || endsClause(blockText(previous));
}

/** Items → drafts, numbering considerations and folding trailing ones into the closing. */
function itemDrafts(items: Item[]): UnitDraft[] {
  const lastRecommendation = items.map((item) => item.kind).lastIndexOf('recommendation');
  const tail = items.slice(lastRecommendation + 1);
  let considerations = 0;
  const drafts = items.slice(0, lastRecommendation + 1).map((item) => {
    const n = item.kind === 'recommendation' ? (item.number ?? 0) : ++considerations;
    return itemDraft(item, n);
  });
  if (tail.length > 0) drafts.push(closingDraft(tail[0].start, tail[tail.length - 1].end));
  return drafts;
}

function itemDraft(item: Item, n: number): UnitDraft {
  const { key, label } =
    item.kind === 'recommendation'
      ? { key: `rec-${n}`, label: `Recommendation ${n}` }
      : { key: `consideration-${n}`, label: `Consideration ${n}` };
  return { key, label, kind: item.kind, number: n, section: item.section, start: item.start, end: item.end };
}
