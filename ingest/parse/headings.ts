/**
 * @module ingest/parse/headings
 * Unnumbered documents (brochures, markdown notes): paragraphs under headings. Each paragraph is a
 * unit `<doc>:<heading-slug>-<k>`. In OCR'd layouts, chart labels and image text are dropped as
 * debris, and a paragraph runs on across blank lines and debris until its sentence has ended, so no
 * sentence is ever split between units.
 *
 * How OCR'd capitals headings are placed (markdown headings keep their "#" levels):
 * - one that opens a page (indented first line) is a chapter, level 1; one set in mid-page is
 *   level 2, and level 3 under a capitals heading ending in ":" (a timeline and its entries);
 * - a lone year line just above one is folded into it ("Istanbul, Turkey (2019)");
 * - it is left out when the block below it is illegible (cover-image text), and it is withdrawn at
 *   the next page start when it came straight after another heading and nothing citable followed
 *   (chart column headers);
 * - a single capitals line followed by two blank lines or more is a running footer, not a heading;
 * - a letterless page-top line (" 1.") is a chapter marker and closes every open section;
 * - a heading repeating the last one (in any case) with nothing citable between reuses it.
 * Paragraphs that are debris as a whole are not emitted: chart field cells, page-bottom footnotes,
 * interleaved chart columns (see heading-debris.ts); numbered photo captions never form one.
 */
import { headedParagraphLabel } from '../../core/section.js';
import type { Unit } from '../../core/types.js';
import {
  blanksAfter,
  endsPage,
  isFieldText,
  isInterleavedColumns,
  isPageMarker,
  startsLikeFootnote,
  yearOf,
} from './heading-debris.js';
import { type BlockItem, type HeadingItem, isMetadataLine, layoutItems, type LayoutItem } from './heading-layout.js';
import { type Block, blockText, isCapsLine, type Line, splitLines } from './layout.js';
import { caseUsageOf, displayHeading, type CaseUsage, type NumeralSeries, uniqueSlug } from './heading-text.js';
import {
  endsSentence,
  isLegible,
  isProse,
  scoreText,
  vocabularyOf,
  withoutTrailingNoise,
  type Vocabulary,
} from './prose.js';
import { finishUnits, type ParseContext, sectionPath, type UnitDraft } from './units.js';

export interface HeadingsOptions {
  /** Markdown: only "#" lines are headings, and every paragraph is kept as written. */
  markdown?: boolean;
}

interface Heading {
  level: number;
  display: string;
  slug: string | null;
  count: number;
  /** A capitals heading whose text ends in ":" (a timeline's title): capitals headings nest under it. */
  colon?: boolean;
  /** Came straight after another heading: withdrawn at the next page start if nothing follows it. */
  provisional?: boolean;
}

interface Paragraph {
  start: number;
  end: number;
  /** Index of its last line. */
  lastLine: number;
  lastText: string;
  /** The text of each of its blocks. */
  texts: string[];
  /** A page break (an indented debris line) came after its last text. */
  pageBroken: boolean;
  metadata: boolean;
  /** It opened as a footnote ("2 Bulgaria, Hungary …" at the foot of a page). */
  footnote: boolean;
  /** The heading and section it was opened under. */
  heading: Heading;
  section: string;
}

const INTRO: Omit<Heading, 'count'> = { level: 0, display: 'Introduction', slug: 'intro' };

export function parseHeadings(ctx: ParseContext, options: HeadingsOptions = {}): Unit[] {
  const lines = splitLines(ctx.paged.text);
  const markdown = options.markdown ?? false;
  // The document without its capitals lines: how words are cased in running text.
  const runningText = lines
    .filter((l) => !isCapsLine(l.text))
    .map((l) => l.text)
    .join('\n');
  const reader = new HeadingsReader(
    markdown,
    vocabularyOf(ctx.paged.text),
    caseUsageOf(runningText),
    ctx.paged.text,
    runningText,
  );
  const items = layoutItems(lines, markdown);
  reader.lines = lines;
  items.forEach((item, j) => reader.read(item, items, j));
  return finishUnits(ctx, reader.finish());
}

/** What the reader last saw: a heading may only follow text, another heading, or the start. */
type Last = 'start' | 'heading' | 'prose' | 'label' | 'noise';

class HeadingsReader {
  lines: Line[] = [];
  private readonly stack: Heading[] = [];
  private readonly intro: Heading = { ...INTRO, count: 0 };
  private readonly usedSlugs = new Set<string>([INTRO.slug ?? 'intro']);
  private readonly numerals: NumeralSeries = new Map();
  private readonly drafts: UnitDraft[] = [];
  private paragraph: Paragraph | null = null;
  private last: Last = 'start';
  /** The last heading pushed, while nothing citable has come under it. */
  private lastPushed: Heading | null = null;
  /** A lone year line waiting for the place heading below it. */
  private year: string | null = null;

  constructor(
    private readonly markdown: boolean,
    private readonly vocabulary: Vocabulary,
    private readonly usage: CaseUsage,
    private readonly source: string,
    /** `source` without its capitals lines. */
    private readonly runningText: string,
  ) {}

  read(item: LayoutItem, items: LayoutItem[], j: number): void {
    const year = this.year;
    this.year = null;
    if (item.type === 'heading') {
      this.readHeading(item, items, j, year);
      return;
    }
    const block = item.block;
    const text = blockText(block);
    const indented = /^\s/.test(block.lines[0].text);
    if (!this.markdown && this.readFurniture(item, items, j, indented)) return;
    if (indented) this.withdrawProvisional();
    const prose = this.markdown || isProse(text, this.vocabulary);
    const footnote = !this.markdown && this.opensFootnote(block, prose);
    // A page's first line (indented) may open a heading even where the previous page broke off.
    const open = footnote ? null : this.paragraph;
    if (open && !indented && this.continues(open, block, prose)) {
      this.extend(open, block);
    } else if (!footnote && this.mayStartHeading(indented) && this.isHeadingBlock(block, items, j)) {
      this.pushHeading(2, block.lines.map((l) => l.text).join('\n'));
    } else if (open && indented && this.continues(open, block, prose)) {
      this.extend(open, block);
    } else if (prose || footnote) {
      this.closeParagraph();
      const heading = this.stack[this.stack.length - 1] ?? this.intro;
      this.paragraph = {
        start: block.start,
        end: block.end,
        lastLine: block.lines[block.lines.length - 1].index,
        lastText: text,
        texts: [text],
        pageBroken: false,
        metadata: isMetadataLine(text),
        footnote,
        heading,
        section: sectionPath(this.stack.map((h) => h.display)),
      };
      this.last = 'prose';
    } else {
      if (this.paragraph && indented) this.paragraph.pageBroken = true;
      this.last = isLegible(text, this.vocabulary) ? 'label' : 'noise';
    }
  }

  finish(): UnitDraft[] {
    this.closeParagraph();
    return this.drafts;
  }

  /**
   * Blocks that are page furniture whatever their words: photo captions, a chapter marker (which
   * closes the open sections), a lone year above a heading (kept for that heading). True if handled.
   */
  private readFurniture(item: BlockItem, items: LayoutItem[], j: number, indented: boolean): boolean {
    const text = blockText(item.block);
    if (item.captions) {
      if (this.paragraph && indented) this.paragraph.pageBroken = true;
      return true;
    }
    if (indented && item.block.lines.length === 1 && isPageMarker(item.block.lines[0].text)) {
      if (this.paragraph) this.paragraph.pageBroken = true;
      this.stack.length = 0;
      this.lastPushed = null;
      this.last = 'noise';
      return true;
    }
    const next = items[j + 1];
    const year = item.block.lines.length === 1 ? yearOf(text) : null;
    if (year !== null && next?.type === 'heading' && !next.indented) {
      this.year = year;
      this.last = 'noise';
      return true;
    }
    return false;
  }

  private readHeading(item: HeadingItem, items: LayoutItem[], j: number, year: string | null): void {
    if (this.markdown) {
      this.pushHeading(item.level, item.text);
      return;
    }
    // A running footer: one capitals line ending its page, blank lines below it.
    if (item.lines.length === 1 && !item.indented && blanksAfter(this.lines, item.lastLine) >= 2) {
      if (this.paragraph) this.paragraph.pageBroken = true;
      return;
    }
    // The document's first line opens its first page, indented or not.
    const opensPage = item.indented || j === 0;
    if (opensPage) this.withdrawProvisional();
    // Cover-image text: the block below is OCR garble, mostly not even shaped like words.
    const below = items.slice(j + 1).find((x) => x.type === 'heading' || /\p{L}/u.test(blockText(x.block)));
    if (!opensPage && below?.type === 'block' && this.isGarbled(blockText(below.block))) {
      this.last = 'label';
      return;
    }
    const raw = item.lines.join('\n');
    const parent = [...this.stack].reverse().find((h) => h.colon);
    const level = opensPage ? 1 : parent ? parent.level + 1 : 2;
    const provisional = !opensPage && this.last === 'heading';
    this.pushHeading(level, raw, { year, colon: /:\s*$/.test(raw), provisional });
  }

  /** Four words or more, fewer than half of them shaped like words ("A n ew WO rl(i ng G ro u p"). */
  private isGarbled(text: string): boolean {
    const s = scoreText(text, this.vocabulary);
    return s.words >= 4 && s.wellFormed / s.words < 0.5;
  }

  /**
   * A provisional heading (a chart header) with nothing citable under it is withdrawn at a page
   * start; an open paragraph under it is kept under it unless it is debris.
   */
  private withdrawProvisional(): void {
    const top = this.stack[this.stack.length - 1];
    const p = this.paragraph;
    if (!top?.provisional || top.count > 0 || (p?.heading === top && !this.isDebris(p))) return;
    this.stack.pop();
    if (this.lastPushed === top) this.lastPushed = null;
  }

  /**
   * A block starting with a footnote number at the foot of its page, where no open sentence could
   * run on into it: the open paragraph has finished, or its last block was not running text.
   */
  private opensFootnote(block: Block, prose: boolean): boolean {
    const text = blockText(block);
    if (!startsLikeFootnote(text) || !(prose || isLegible(text, this.vocabulary))) return false;
    if (!this.footnoteReachesPageEnd(block)) return false;
    const p = this.paragraph;
    return !p || endsSentence(p.lastText) || !isProse(p.lastText, this.vocabulary);
  }

  /** The footnote's lines run to the page's end, and only its last line finishes a sentence. */
  private footnoteReachesPageEnd(block: Block): boolean {
    for (let i = block.lines[0].index, n = 0; i < this.lines.length && n < 8; i++) {
      const line = this.lines[i];
      if (line.text.trim() === '') continue;
      if (i > block.lines[0].index && /^\s/.test(line.text)) return false;
      n++;
      if (endsPage(this.lines, i)) return true;
      if (endsSentence(line.text)) return false;
    }
    return false;
  }

  private extend(paragraph: Paragraph, block: Block): void {
    const text = blockText(block);
    Object.assign(paragraph, {
      end: block.end,
      lastLine: block.lines[block.lines.length - 1].index,
      lastText: text,
      pageBroken: false,
      metadata: isMetadataLine(text),
    });
    paragraph.texts.push(text);
    this.last = 'prose';
  }

  /**
   * Markdown paragraphs are delimited explicitly. OCR'd ones run on while their sentence is open,
   * across blank lines and image text; a short legible block may finish it ("Conference ensued.").
   * After a finished sentence or a page-number line, only a lower-case start continues.
   */
  private continues(paragraph: Paragraph, block: Block, prose: boolean): boolean {
    if (this.markdown || paragraph.metadata) return false;
    const text = blockText(block);
    // Chart cells never run on across a page start.
    if (/^\s/.test(block.lines[0].text) && isFieldText(paragraph.texts.join(' '), false)) return false;
    const lowerStart = /^\p{Ll}/u.test(text);
    const legible = prose || isLegible(text, this.vocabulary);
    if (paragraph.pageBroken || endsSentence(paragraph.lastText)) return lowerStart && legible;
    return legible || (scoreText(text, this.vocabulary).known > 0 && (lowerStart || endsSentence(text)));
  }

  private mayStartHeading(indented: boolean): boolean {
    if (this.markdown || this.last === 'label' || this.last === 'noise') return false;
    const p = this.paragraph;
    return !p || p.metadata || p.pageBroken || indented || endsSentence(p.lastText);
  }

  /**
   * A short, legible, unpunctuated block standing directly above text that does not continue it.
   * Only image noise and photo captions may come between, and no page break (a heading never ends
   * a page), unless the page opens with the same heading again. Chart labels fail these tests: a
   * column of country names, "Who: Expert-level".
   */
  private isHeadingBlock(block: Block, items: LayoutItem[], j: number): boolean {
    const text = blockText(block);
    if (block.lines.length > 3 || text.split(/\s+/).length > 18 || !/^\p{Lu}/u.test(text) || /^\p{L}+:/u.test(text)) {
      return false;
    }
    if (endsSentence(text) || /,$/.test(text) || isMetadataLine(text) || !isLegible(text, this.vocabulary))
      return false;
    // A long run of capitalised words with no small word among them is a list of names.
    const tokens = text.split(/\s+/);
    if (tokens.length > 6 && !tokens.some((t) => /^\p{Ll}/u.test(t))) return false;
    for (let i = j + 1; i < items.length; i++) {
      const item = items[i];
      if (item.type === 'heading') return !this.markdown && item.text.toLowerCase() === text.toLowerCase();
      if (item.captions) continue;
      const next = blockText(item.block);
      if (/^\s/.test(item.block.lines[0].text)) return false;
      if (isProse(next, this.vocabulary)) return !this.continuesInto(text, next);
      if (isLegible(next, this.vocabulary)) return false;
    }
    return true;
  }

  // "…for a new Ministerial" + "Conference following…": the pair is a phrase the text uses elsewhere.
  private continuesInto(text: string, next: string): boolean {
    if (/^\p{Ll}/u.test(next)) return true;
    const last = /(?<!\p{L})(\p{L}+)\P{L}*$/u.exec(withoutTrailingNoise(text))?.[1];
    const first = /^(\p{L}+)/u.exec(next)?.[1];
    if (!last || !first) return false;
    return new RegExp(`(?<!\\p{L})${last} ${first}(?!\\p{L})`, 'u').test(this.source);
  }

  private pushHeading(
    level: number,
    raw: string,
    options: { year?: string | null; colon?: boolean; provisional?: boolean } = {},
  ): void {
    this.closeParagraph();
    this.last = 'heading';
    let display = displayHeading(raw, this.usage, this.runningText, this.numerals);
    if (options.year) display = `${display} (${options.year})`;
    if (display === '') {
      while (this.stack.length > 0 && this.stack[this.stack.length - 1].level >= level) this.stack.pop();
      return;
    }
    // "Phase 1" over a page of captions, then " PHASE 1" opening the next page: one heading.
    const repeated = this.lastPushed;
    const reuse = repeated !== null && repeated.count === 0 && repeated.display.toLowerCase() === display.toLowerCase();
    if (reuse) this.stack.splice(this.stack.indexOf(repeated), 1);
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].level >= level) this.stack.pop();
    const heading: Heading = reuse
      ? Object.assign(repeated, { level, display, colon: options.colon, provisional: options.provisional })
      : { level, display, slug: null, count: 0, colon: options.colon, provisional: options.provisional };
    this.stack.push(heading);
    this.lastPushed = heading;
  }

  private closeParagraph(): void {
    const p = this.paragraph;
    this.paragraph = null;
    if (!p || this.isDebris(p)) return;
    const heading = p.heading;
    heading.provisional = false;
    if (this.lastPushed === heading) this.lastPushed = null;
    const k = ++heading.count;
    this.drafts.push({
      key: `${this.slugOf(heading)}-${k}`,
      label: headedParagraphLabel(heading.display, k),
      kind: 'paragraph',
      number: k,
      section: p.section,
      start: p.start,
      end: p.end,
    });
  }

  /** A paragraph no one would cite: chart cells, a page-bottom footnote, interleaved chart columns. */
  private isDebris(p: Paragraph): boolean {
    if (this.markdown) return false;
    const text = p.texts.join(' ');
    if (p.footnote && endsPage(this.lines, p.lastLine)) return true;
    if (isFieldText(text, endsSentence(text))) return true;
    return !p.metadata && !p.texts.some(isMetadataLine) && isInterleavedColumns(text, endsSentence(text));
  }

  /** The heading's slug, made unique on first use: a second "Phase 1" becomes "phase-1-b". */
  private slugOf(heading: Heading): string {
    if (heading.slug !== null) return heading.slug;
    const slug = uniqueSlug(heading.display, this.usedSlugs);
    this.usedSlugs.add(slug);
    heading.slug = slug;
    return slug;
  }
}
