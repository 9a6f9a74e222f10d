/**
 * @module ingest/parse/headings
 * Unnumbered documents (brochures, markdown notes): paragraphs under headings. Each paragraph is a
 * unit `<doc>:<heading-slug>-<k>`. In OCR'd layouts, chart labels and image text are dropped as
 * debris, and a paragraph runs on across blank lines and debris until its sentence has ended, so no
 * sentence is ever split between units.
 */
import type { Unit } from '../types.js';
import { isMetadataLine, layoutItems, type LayoutItem } from './heading-layout.js';
import { type Block, blockText, isCapsLine, splitLines } from './layout.js';
import { caseUsageOf, displayHeading, slugify, type CaseUsage } from './heading-text.js';
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
}

interface Paragraph {
  start: number;
  end: number;
  lastText: string;
  /** A page break (an indented debris line) came after its last text. */
  pageBroken: boolean;
  metadata: boolean;
}

const INTRO: Omit<Heading, 'count'> = { level: 0, display: 'Introduction', slug: 'intro' };

export function parseHeadings(ctx: ParseContext, options: HeadingsOptions = {}): Unit[] {
  const lines = splitLines(ctx.paged.text);
  const markdown = options.markdown ?? false;
  const reader = new HeadingsReader(
    markdown,
    vocabularyOf(ctx.paged.text),
    caseUsageOf(
      lines
        .filter((l) => !isCapsLine(l.text))
        .map((l) => l.text)
        .join('\n'),
    ),
    ctx.paged.text,
  );
  const items = layoutItems(lines, markdown);
  items.forEach((item, j) => reader.read(item, items, j));
  return finishUnits(ctx, reader.finish());
}

/** What the reader last saw: a heading may only follow text, another heading, or the start. */
type Last = 'start' | 'heading' | 'prose' | 'label' | 'noise';

class HeadingsReader {
  private readonly stack: Heading[] = [];
  private readonly intro: Heading = { ...INTRO, count: 0 };
  private readonly usedSlugs = new Set<string>([INTRO.slug ?? 'intro']);
  private readonly drafts: UnitDraft[] = [];
  private paragraph: Paragraph | null = null;
  private last: Last = 'start';

  constructor(
    private readonly markdown: boolean,
    private readonly vocabulary: Vocabulary,
    private readonly usage: CaseUsage,
    private readonly source: string,
  ) {}

  read(item: LayoutItem, items: LayoutItem[], j: number): void {
    if (item.type === 'heading') {
      this.pushHeading(item.level, item.text);
      return;
    }
    const block = item.block;
    const text = blockText(block);
    const indented = /^\s/.test(block.lines[0].text);
    const prose = this.markdown || isProse(text, this.vocabulary);
    // A page's first line (indented) may open a heading even where the previous page broke off.
    const open = this.paragraph;
    if (open && !indented && this.continues(open, block, prose)) {
      this.extend(open, block);
    } else if (this.mayStartHeading(indented) && this.isHeadingBlock(block, items, j)) {
      this.pushHeading(2, text);
    } else if (open && indented && this.continues(open, block, prose)) {
      this.extend(open, block);
    } else if (prose) {
      this.closeParagraph();
      this.paragraph = {
        start: block.start,
        end: block.end,
        lastText: text,
        pageBroken: false,
        metadata: isMetadataLine(text),
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

  private extend(paragraph: Paragraph, block: Block): void {
    const text = blockText(block);
    Object.assign(paragraph, { end: block.end, lastText: text, pageBroken: false, metadata: isMetadataLine(text) });
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
   * Only image noise may come between, and no page break (a heading never ends a page). Chart
   * labels fail these tests: a column of country names, "Who: Expert-level".
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
      if (item.type === 'heading') return false;
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
    const last = /(\p{L}+)\P{L}*$/u.exec(withoutTrailingNoise(text))?.[1];
    const first = /^(\p{L}+)/u.exec(next)?.[1];
    if (!last || !first) return false;
    return new RegExp(`(?<!\\p{L})${last} ${first}(?!\\p{L})`, 'u').test(this.source);
  }

  private pushHeading(level: number, raw: string): void {
    this.closeParagraph();
    this.last = 'heading';
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].level >= level) this.stack.pop();
    const display = displayHeading(raw, this.usage);
    if (display !== '') this.stack.push({ level, display, slug: null, count: 0 });
  }

  private closeParagraph(): void {
    const p = this.paragraph;
    this.paragraph = null;
    if (!p) return;
    const heading = this.stack[this.stack.length - 1] ?? this.intro;
    const k = ++heading.count;
    this.drafts.push({
      key: `${this.slugOf(heading)}-${k}`,
      label: `${heading.display}, paragraph ${k}`,
      kind: 'paragraph',
      number: k,
      section: sectionPath(this.stack.map((h) => h.display)),
      start: p.start,
      end: p.end,
    });
  }

  /** The heading's slug, made unique on first use: a second "Phase 1" becomes "phase-1-2". */
  private slugOf(heading: Heading): string {
    if (heading.slug !== null) return heading.slug;
    const base = slugify(heading.display) || 'section';
    let slug = base;
    for (let n = 2; this.usedSlugs.has(slug); n++) slug = `${base}-${n}`;
    this.usedSlugs.add(slug);
    heading.slug = slug;
    return slug;
  }
}
