/**
 * @module ingest/parse/layout
 * Line-level reading of extracted PDF text: lines with their offsets, blank-line blocks, and the
 * shape tests (sentence end, all-caps line, page furniture) every structure parser relies on.
 */

export interface Line {
  /** The line without its newline. */
  text: string;
  start: number;
  end: number;
  /** Position among all lines of the text. */
  index: number;
}

export interface Block {
  lines: Line[];
  start: number;
  end: number;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const part of text.split('\n')) {
    lines.push({ text: part, start, end: start + part.length, index: lines.length });
    start += part.length + 1;
  }
  return lines;
}

export function isBlank(line: Line): boolean {
  return line.text.trim() === '';
}

/** True when the text ends a sentence or list item: . ; : ! ? possibly followed by quotes/brackets. */
export function endsClause(text: string): boolean {
  return /[.;:!?]["'”’)\]]*$/.test(text.trim());
}

/** Like {@link endsClause}, but a list item ending in "," also counts (declarations list that way). */
export function endsItem(text: string): boolean {
  return endsClause(text) || /,\s*$/.test(text);
}

/**
 * Extraction marks the first line of each PDF page with a leading space. Such a line starts a new
 * paragraph when the previous line had finished its sentence; otherwise it continues it.
 */
export function isPageStart(line: Line, previous: Line | undefined): boolean {
  return /^\s+[\p{Lu}\p{N}(]/u.test(line.text) && previous !== undefined && endsClause(previous.text);
}

/** Lone page numbers and separator rules: layout, never content. */
export function isFurniture(text: string): boolean {
  return /^\s*\d{1,3}\s*$|^[_=\-–—.·•*\s]{3,}$/.test(text);
}

const CAPS_TOKEN = /^[\p{Lu}\p{N}][\p{Lu}\p{N}’'&+:,.\-/]*$/u;

/** A line written in capitals only ("PHASES OF THE DIALOGUE"), with at least one real word. */
export function isCapsLine(text: string): boolean {
  const tokens = text
    .trim()
    .split(/\s+/)
    .filter((t) => !/^[&|\-–—]$/.test(t));
  if (tokens.length === 0 || !tokens.every((t) => CAPS_TOKEN.test(t))) return false;
  // Mostly words, not a date or figure set in capitals ("AUGUST 2 01 7").
  const words = tokens.filter((t) => /\p{Lu}{2,}/u.test(t)).length;
  return (
    tokens.some((t) => /\p{Lu}{3,}/u.test(t)) &&
    words * 2 >= tokens.length &&
    !tokens.some((t) => /\p{N}\p{L}|\p{L}\p{N}/u.test(t))
  );
}

/**
 * Groups lines into blocks separated by blank lines; `startsBlock` may also open a new block at a
 * non-blank line, given the lines of the block so far (by default at a page start that follows a
 * finished sentence).
 */
export function toBlocks(
  lines: Line[],
  startsBlock: (line: Line, current: Line[]) => boolean = (line, current) => isPageStart(line, current.at(-1)),
): Block[] {
  const blocks: Block[] = [];
  let current: Line[] = [];
  const flush = () => {
    if (current.length > 0) blocks.push(makeBlock(current));
    current = [];
  };
  lines.forEach((line) => {
    if (isBlank(line)) return flush();
    if (current.length > 0 && startsBlock(line, current)) flush();
    current.push(line);
  });
  flush();
  return blocks;
}

export function makeBlock(lines: Line[]): Block {
  return { lines, start: lines[0].start, end: lines[lines.length - 1].end };
}

export function blockText(block: Block): string {
  return block.lines.map((l) => l.text.trim()).join(' ');
}

/** The last non-blank line before `index`, if any. */
export function previousNonBlank(lines: Line[], index: number): Line | undefined {
  for (let i = index - 1; i >= 0; i--) if (!isBlank(lines[i])) return lines[i];
  return undefined;
}

/** The lines of content in lines[from, to): neither blank nor page furniture. */
export function contentLines(lines: Line[], from: number, to: number): Line[] {
  return lines.slice(from, to).filter((l) => !isBlank(l) && !isFurniture(l.text));
}

/** The last line of content before `index`, skipping blank lines and page furniture. */
export function previousContent(lines: Line[], index: number): Line | undefined {
  for (let i = index - 1; i >= 0; i--) if (!isBlank(lines[i]) && !isFurniture(lines[i].text)) return lines[i];
  return undefined;
}
