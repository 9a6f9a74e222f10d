/**
 * @module ingest/parse/heading-debris
 * Layout debris of OCR'd brochures that reads like text but that no one would cite: chart field
 * cells ("When: … What: … Who: …"), numbered photo captions, page-bottom footnotes, multi-column
 * chart text whose sentences interleave, running page footers, chapter markers and timeline years.
 * Every rule is about layout and text shape, never about a particular document.
 */
import { isBlank, type Line } from './layout.js';
import { isStopword } from './prose.js';

/** "When:", "Who:": one short capitalised word and a colon, the label of a chart cell. */
const FIELD_LABEL = /(?:^|\s)\p{Lu}\p{Ll}{1,9}:(?=\s|$)/gu;

/**
 * Chart cells: the paragraph holds two field labels or more, or starts with one and never finishes
 * a sentence. "Note: The Process was instrumental in …." starts with a label but is a sentence.
 */
export function isFieldText(text: string, endsSentence: boolean): boolean {
  const labels = text.match(FIELD_LABEL)?.length ?? 0;
  return labels >= 2 || (labels === 1 && /^\p{Lu}\p{Ll}{1,9}:\s/u.test(text) && !endsSentence);
}

/** Sentence punctuation: a full stop, colon, semicolon, ! or ? ending a word (not "09.2011"). */
const SENTENCE_MARK = /[.;:!?]["'”’)\]]*(?=\s|$)/;

/**
 * Several columns of a chart read across as one text: a dozen words or more with function words,
 * yet not one sentence mark among them, and no end ("… knowledge hub", "… of the countries").
 * Running prose of that length has one, and a paragraph runs on until its sentence ends; a list of
 * names (no function words) or an item closed by a bracket ("… (2019-2024)") is not affected.
 */
export function isInterleavedColumns(text: string, endsSentence: boolean): boolean {
  const words = text.split(/\s+/).filter((t) => /\p{L}{2,}/u.test(t));
  const stopwords = words.filter((w) => isStopword(w.replace(/\P{L}/gu, ''))).length;
  return !endsSentence && words.length >= 12 && stopwords >= 2 && !SENTENCE_MARK.test(text);
}

/** "2 Bulgaria, Hungary …", "27 participating countries: …": a footnote number and its text. */
export function startsLikeFootnote(text: string): boolean {
  return /^\d{1,2}\s+\p{L}/u.test(text.trim());
}

/** A line opening a page: extraction marks it with a leading space. */
export function opensPage(text: string): boolean {
  return /^\s+\S/.test(text);
}

/**
 * Whether the page ends right after `lineIndex`: the next non-blank line opens a page, or there is
 * none. A footnote sits at the bottom of its page.
 */
export function endsPage(lines: Line[], lineIndex: number): boolean {
  for (let i = lineIndex + 1; i < lines.length; i++) if (!isBlank(lines[i])) return opensPage(lines[i].text);
  return true;
}

/** How many blank lines follow `lineIndex` (a running footer is followed by two or more). */
export function blanksAfter(lines: Line[], lineIndex: number): number {
  let n = 0;
  for (let i = lineIndex + 1; i < lines.length && isBlank(lines[i]); i++) n++;
  return n;
}

/**
 * Photo captions numbered in a run: three or more single lines "1 Note from …", "2 Participation
 * …", "3 …", numbered consecutively with only blank lines between them (a list numbered "1." is
 * not affected). Returns the indexes of the caption lines.
 */
export function captionLines(lines: Line[]): Set<number> {
  const captions = new Set<number>();
  const numberOf = (line: Line) => /^\s*(\d{1,2})\s+\p{Lu}/u.exec(line.text)?.[1];
  let run: Line[] = [];
  const flush = () => {
    if (run.length >= 3) for (const line of run) captions.add(line.index);
    run = [];
  };
  for (const line of lines) {
    if (isBlank(line)) continue;
    const n = numberOf(line);
    const previous = run.at(-1);
    if (n !== undefined && previous !== undefined && Number(n) === Number(numberOf(previous)) + 1) {
      run.push(line);
    } else {
      flush();
      if (n !== undefined) run.push(line);
    }
  }
  flush();
  return captions;
}

/** " 1." at a page's top: a chapter or page number, with no letters. */
export function isPageMarker(text: string): boolean {
  return /^\s+\p{N}{1,3}\.?\s*$/u.test(text);
}

/** "1991" alone on a line: a timeline year, which belongs to the place heading below it. */
export function yearOf(text: string): string | null {
  return /^\s*((?:1[89]|20)\d{2})\s*$/.exec(text)?.[1] ?? null;
}
