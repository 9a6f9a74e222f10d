import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  headedParagraphLabel,
  headingOfParagraphLabel,
  headingYear,
  ownHeading,
  sectionHeadings,
  sectionPath,
} from '../../core/section.js';

describe('section paths', () => {
  it.each([
    [['Phase 4', 'The Budapest Process Reference Group'], 'Phase 4 › The Budapest Process Reference Group'],
    [['', 'Priority Goal 6'], 'Priority Goal 6'],
    [[], ''],
  ])('%j joins to %j and reads back', (headings, section) => {
    expect(sectionPath(headings)).toBe(section);
    expect(sectionHeadings(section)).toEqual(headings.filter((h) => h !== ''));
  });

  it.each([
    ['The Budapest Process Ministerial conferences › Rhodes, Greece (2003)', 'Rhodes, Greece (2003)'],
    ['Priority Goal 6', 'Priority Goal 6'],
    ['', ''],
  ])('%j sits under %j', (section, heading) => {
    expect(ownHeading(section)).toBe(heading);
  });

  it.each([
    ['Rhodes, Greece (2003)', '2003'],
    ['Berlin, Germany (1991)', '1991'],
    ['Priority Goal 6', null],
    ['Paragraph 2019a', null],
  ])('the year %j names: %s', (heading, year) => {
    expect(headingYear(heading)).toBe(year);
  });
});

describe('headed paragraph labels', () => {
  it.each([
    ['The Budapest Process Reference Group, paragraph 3', 'The Budapest Process Reference Group'],
    ['Introduction, paragraph 1', 'Introduction'],
    ['Budapest, Hungary (1993), paragraph 2', 'Budapest, Hungary (1993)'],
    ['Recommendation 18', null],
    ['Preamble, recital 3', null],
    ['Priority Goal 1, Action 4', null],
  ])('%s is a paragraph of %s', (label, heading) => {
    expect(headingOfParagraphLabel(label)).toBe(heading);
  });

  it('reads back the heading of any label it writes', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((h) => !/\n/.test(h)),
        fc.nat(500),
        (heading, n) => {
          expect(headingOfParagraphLabel(headedParagraphLabel(heading, n))).toBe(heading);
        },
      ),
    );
  });
});
