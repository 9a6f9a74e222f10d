/**
 * @module ingest/parse/recitals
 * Preambles: recitals opening with "Recognizing…", "Aware…", "Taking note…". A recital runs until
 * the next opener, so a list introduced by a recital ("…notably:") stays with it and cites as a whole.
 */
import { contentLines, isBlank, isCapsLine, type Line } from './layout.js';
import { canStartItem } from './markers.js';
import { startsWithOpener } from './openers.js';
import { isTitleBlock, proseBlocks } from './regions.js';
import type { UnitDraft } from './units.js';

export interface RecitalNaming {
  key: (n: number) => string;
  label: (n: number) => string;
  kind: UnitDraft['kind'];
  section: string;
}

export const PREAMBLE: RecitalNaming = {
  key: (n) => `preamble-${n}`,
  label: (n) => `Preamble, recital ${n}`,
  kind: 'preamble',
  section: '',
};

/** Index of the first line after any title headings in lines[from, to). */
export function firstTextLine(lines: Line[], from: number, to: number): number {
  let start = from;
  // Title lines in capitals may run straight into the text when extraction dropped the blank lines.
  while (start < to && (isBlank(lines[start]) || isCapsLine(lines[start].text))) start++;
  const blocks = proseBlocks(lines, start, to);
  const text = blocks.find((b, i) => !isTitleBlock(b, blocks[i - 1]));
  return text ? text.lines[0].index : to;
}

/** Recital drafts for lines[from, to); the first recital starts at `from`. */
export function recitalDrafts(lines: Line[], from: number, to: number, naming: RecitalNaming): UnitDraft[] {
  const starts: number[] = [];
  for (let i = from; i < to; i++) {
    if (isBlank(lines[i])) continue;
    if (starts.length === 0 || (startsWithOpener(lines[i].text) && canStartItem(lines, i))) starts.push(i);
  }
  return starts.map((startIndex, k) => {
    const n = k + 1;
    const content = contentLines(lines, startIndex, k + 1 < starts.length ? starts[k + 1] : to);
    return {
      key: naming.key(n),
      label: naming.label(n),
      kind: naming.kind,
      number: n,
      section: naming.section,
      start: content[0].start,
      end: content[content.length - 1].end,
    };
  });
}
