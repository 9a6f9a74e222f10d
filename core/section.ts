/**
 * @module core/section
 * The heading path a unit sits under (`Unit.section`, "Phase 4 › The Budapest Process Reference Group"): how
 * the parser writes it and how the answer stages read it, in one place.
 */

/** Between the headings of `Unit.section`. */
export const SECTION_SEPARATOR = ' › ';

/** Joins a heading path the way `Unit.section` expects. */
export function sectionPath(headings: readonly string[]): string {
  return headings.filter((h) => h !== '').join(SECTION_SEPARATOR);
}

/** The headings of a section path, outermost first; none for a unit under no heading. */
export function sectionHeadings(section: string): string[] {
  return section === '' ? [] : section.split(SECTION_SEPARATOR);
}

/** The heading a unit sits directly under ("" for none). */
export function ownHeading(section: string): string {
  return sectionHeadings(section).at(-1) ?? '';
}

/** A year a heading names of its own ("Rhodes, Greece (2003)" → "2003"), or null. */
export function headingYear(heading: string): string | null {
  return /\b(?:19|20)\d\d\b/.exec(heading)?.[0] ?? null;
}

/** The label of the n-th paragraph under a heading: "The Budapest Process Reference Group, paragraph 3". */
export function headedParagraphLabel(heading: string, n: number): string {
  return `${heading}, paragraph ${n}`;
}

/** The heading a headed paragraph's label names ("Introduction" of "Introduction, paragraph 2"), or null. */
export function headingOfParagraphLabel(label: string): string | null {
  return /^(.+), paragraph \d+$/.exec(label)?.[1] ?? null;
}
