/**
 * @module tests/ingest/parse/headings
 * The headings parser on OCR'd layout: paragraphs under headings with stable slug ids, sentences
 * rejoined across blank lines and image debris, debris itself left out.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { joinPages } from '../../../ingest/normalise/text.js';
import { parseDocument } from '../../../ingest/parse/index.js';
import { slugify, uniqueSlug } from '../../../ingest/parse/heading-text.js';
import type { DocumentMeta, Unit } from '../../../core/types.js';

const corpusDir = new URL('../../../corpus/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', corpusDir), 'utf8')) as { documents: DocumentMeta[] };
const brochureMeta = manifest.documents.find((d) => d.id === 'budapest-process-30-years');
if (!brochureMeta) throw new Error('no brochure in the manifest');
const brochure = parseDocument(brochureMeta, joinPages([readFileSync(new URL(brochureMeta.file, corpusDir), 'utf8')]));

const BROCHURE_META: DocumentMeta = { ...brochureMeta, id: 'b', file: 'b.txt', structure: 'headings' };
const parse = (text: string): Unit[] => parseDocument(BROCHURE_META, joinPages([text]));
const view = (units: Unit[]) => units.map((u) => [u.id, u.section, u.text]);

describe('the 30-years brochure', () => {
  const P = 'budapest-process-30-years:';
  const unitWith = (quote: string) => brochure.find((u) => u.text.includes(quote));

  it.each([
    ['intro-1', 'Introduction, paragraph 1', ''],
    [
      '30-years-anniversary-budapest-process-2',
      '30 years anniversary of the Budapest Process, paragraph 2',
      '30 years anniversary of the Budapest Process',
    ],
    ['participating-states-1', 'Participating States, paragraph 1', 'Participating States'],
    [
      'berlin-germany-1991-1',
      'Berlin, Germany (1991), paragraph 1',
      'The Budapest Process Ministerial conferences › Berlin, Germany (1991)',
    ],
    [
      'prague-czech-republic-1997-1',
      'Prague, Czech Republic (1997), paragraph 1',
      'The Budapest Process Ministerial conferences › Prague, Czech Republic (1997)',
    ],
    [
      'istanbul-turkey-2013-1',
      'Istanbul, Turkey (2013), paragraph 1',
      'The Budapest Process Ministerial conferences › Istanbul, Turkey (2013)',
    ],
    [
      'istanbul-turkey-2019-1',
      'Istanbul, Turkey (2019), paragraph 1',
      'The Budapest Process Ministerial conferences › Istanbul, Turkey (2019)',
    ],
    ['phase-1-1', 'Phase 1, paragraph 1', 'Phase 1'],
    [
      'need-prague-ministerial-conference-1997-2',
      'The need for the Prague Ministerial Conference in 1997, paragraph 2',
      'Phase 1 › The need for the Prague Ministerial Conference in 1997',
    ],
    [
      'initial-thematic-expansion-dialogue-rhodes-ministerial-1',
      'Initial thematic expansion of the dialogue at the Rhodes Ministerial Conference, paragraph 1',
      'Phase 2 › Initial thematic expansion of the dialogue at the Rhodes Ministerial Conference',
    ],
    [
      'shift-governance-new-chairmanship-1',
      'A shift in governance with the new Chairmanship, paragraph 1',
      'Phase 2 › A shift in governance with the new Chairmanship',
    ],
    [
      'further-regional-expansion-include-silk-routes-1',
      'A further regional expansion to include the Silk Routes, paragraph 1',
      'Phase 3 › A further regional expansion to include the Silk Routes',
    ],
    [
      'projects-implemented-umbrella-budapest-process-1',
      'Projects implemented under the umbrella of the Budapest Process, paragraph 1',
      'Phase 3 › Projects implemented under the umbrella of the Budapest Process',
    ],
    [
      'implementation-call-action-1',
      'The Implementation of the Call for Action, paragraph 1',
      'Phase 4 › The Implementation of the Call for Action',
    ],
    [
      'preparing-ministerial-conference-1',
      'Preparing for the Ministerial Conference, paragraph 1',
      'Phase 4 › Preparing for the Ministerial Conference',
    ],
    [
      'fostering-migration-cooperation-silk-routes-region-1',
      'Fostering Migration Cooperation in the Silk Routes Region - Silk Routes I Project, paragraph 1',
      'Past projects under the umbrella of the Budapest Process › Fostering Migration Cooperation in the Silk Routes Region - Silk Routes I Project',
    ],
    [
      'support-silk-routes-partnership-migration-budapest-1',
      'Support to the Silk Routes Partnership for Migration under the Budapest Process - Silk Routes II Project, paragraph 1',
      'Past projects under the umbrella of the Budapest Process › Support to the Silk Routes Partnership for Migration under the Budapest Process - Silk Routes II Project',
    ],
    [
      'improving-migration-management-silk-routes-countries-1',
      'Improving Migration Management in the Silk Routes Countries - Silk Routes III Project, paragraph 1',
      'Past projects under the umbrella of the Budapest Process › Improving Migration Management in the Silk Routes Countries - Silk Routes III Project',
    ],
  ])('budapest-process-30-years:%s is "%s" under %j', (key, label, section) => {
    const u = brochure.find((x) => x.id === `${P}${key}`);
    expect([u?.label, u?.section, u?.kind]).toEqual([label, section, 'paragraph']);
  });

  it('ids are <heading slug of at most six content words, or more to tell it apart>-<k>, k counting from 1', () => {
    const counts = new Map<string, number>();
    for (const u of brochure) {
      const m = /^budapest-process-30-years:([a-z0-9]+(?:-[a-z0-9]+)*)-(\d+)$/.exec(u.id);
      expect(m, u.id).not.toBeNull();
      const [, slug, k] = m ?? [];
      counts.set(slug, (counts.get(slug) ?? 0) + 1);
      expect(Number(k)).toBe(counts.get(slug));
      expect(u.number).toBe(Number(k));
      expect(u.label).toBe(`${u.label.replace(/, paragraph \d+$/, '')}, paragraph ${k}`);
      // No slug is a dedupe of another by a number ("phase-1-2"): the paragraph number is the only "-<n>".
      expect(
        slug.split('-').every((w) => !['the', 'of', 'and', 'in', 'for', 'to', 'a'].includes(w)),
        u.id,
      ).toBe(true);
    }
  });

  it('no two units share a label', () => {
    const labels = brochure.map((u) => u.label);
    expect(labels.filter((l, i) => labels.indexOf(l) !== i)).toEqual([]);
  });

  it('the Berlin 1991 history paragraph sits under no chart header (the chapter marker " 1." closes the sections)', () => {
    const u = unitWith('This meeting was known as the Berlin Ministerial Conference');
    expect([u?.id, u?.label, u?.section]).toEqual([`${P}intro-3`, 'Introduction, paragraph 3', '']);
    expect(brochure.some((x) => /ministerial senior officials thematic/i.test(x.section))).toBe(false);
  });

  it('the running footer "30 YEARS BUDAPEST PROCESS" heads nothing', () => {
    expect(brochure.some((u) => /30 years Budapest Process/i.test(u.section))).toBe(false);
  });

  it('cover-image capitals (CONFERENCE BOOKLET, THE COMMITMENTS: …) head nothing; the Phase 4 text stays under Phase 4', () => {
    expect(brochure.some((u) => /Conference booklet|The Commitments/i.test(u.section))).toBe(false);
    expect(unitWith('The three Thematic Working Groups of the')?.section).toBe(
      'Phase 4 › The Budapest Process Reference Group',
    );
  });

  it.each([
    ['chart field cells', (u: Unit) => /^(?:When|What|Who):/.test(u.text)],
    ['numbered photo captions', (u: Unit) => /^\d \p{Lu}.*\.$/u.test(u.text) && u.text.split(' ').length < 25],
    ['captions without a sentence', (u: Unit) => u.text.includes('Budapest Process Ministerial Conference 2013 logo.')],
    ['a footnote under a later heading', (u: Unit) => u.text.startsWith('27 participating countries')],
    ['the footnote to the donor countries', (u: Unit) => u.text.startsWith('2 Bulgaria, Hungary')],
    [
      'chart columns read across',
      (u: Unit) => /Shift from individual Support|Demand driven facility|Informal and flexible/.test(u.text),
    ],
  ])('emits no unit of %s', (_name, isDebris) => {
    expect(brochure.filter(isDebris).map((u) => u.id)).toEqual([]);
  });

  it('keeps real lists and notes: the participating states, the places of meetings, "Note: …"', () => {
    expect(unitWith('Albania Armenia Australia Azerbaijan')?.id).toBe(`${P}participating-states-1`);
    expect(unitWith('France North Macedonia Georgia Pakistan')).toBeDefined();
    expect(unitWith('Note: The Budapest Process was instrumental')).toBeDefined();
  });

  it('rejoins a sentence broken by a blank line and a line of image text', () => {
    expect(unitWith('marked the 20th anniversary of the Budapest')?.text).toContain(
      'marked the 20th anniversary of the Budapest BUDAPESTE SURECi Process. The participating states adopted',
    );
  });

  it('rejoins a sentence broken by a page start', () => {
    const u = brochure.find((x) => x.id === `${P}budapest-group-senior-officials-1`);
    expect(u?.text).toContain('forum for migration cooperation and would influence the European Migration debate');
  });

  it('keeps labels clean but never touches unit text', () => {
    expect(brochure.some((u) => / - \p{Lu}\p{Ll}+ Ministerial/u.test(u.label))).toBe(false);
    expect(unitWith('Silk Routes | project')?.text).toContain('the priority assessment of the Silk Routes | project.');
  });
});

describe('headings parser on small layouts', () => {
  it('joins a paragraph across a blank line that falls mid-sentence', () => {
    const units = parse(
      'THE TITLE\n\nThe process has grown over the\n\nyears and now counts many of the states.\n\nA second paragraph of the text ends here.\n',
    );
    expect(view(units)).toEqual([
      ['b:title-1', 'The title', 'The process has grown over the years and now counts many of the states.'],
      ['b:title-2', 'The title', 'A second paragraph of the text ends here.'],
    ]);
  });

  it('suffixes a repeated heading slug with a letter, never a number that reads like a paragraph', () => {
    const units = parse(
      'PHASE 1\n\nThis is the text of the first part.\n\nPHASE 1\n\nThis is the text of the second part.\n\nPHASE 1\n\nThis is the text of the third part.\n',
    );
    expect(units.map((u) => u.id)).toEqual(['b:phase-1-1', 'b:phase-1-b-1', 'b:phase-1-c-1']);
  });

  it('leaves out lone numbers and chart words', () => {
    const units = parse(
      'KEY FACTS\n\n30+\n\nYEARS\n\n10+ | orcanisaTioNs\n\nThe dialogue has met for thirty of the years.\n',
    );
    expect(view(units)).toEqual([['b:years-1', 'Key facts › Years', 'The dialogue has met for thirty of the years.']]);
  });

  it('treats a short unpunctuated line above text as a sub-heading', () => {
    const units = parse(
      'PHASE 2\n\nEastward expansion of the dialogue\n\nThe second phase of the process came with the new members.\n',
    );
    expect(view(units)).toEqual([
      [
        'b:eastward-expansion-dialogue-1',
        'Phase 2 › Eastward expansion of the dialogue',
        'The second phase of the process came with the new members.',
      ],
    ]);
  });

  it('does not take the first line of a broken sentence for a heading', () => {
    const units = parse(
      'PLANS\n\nThe Chair announced the need for a new Ministerial\n\nConference in the course of the year. Officials agreed.\n\nThe Ministerial Conference was held in the spring.\n',
    );
    expect(units.map((u) => u.text)).toEqual([
      'The Chair announced the need for a new Ministerial Conference in the course of the year. Officials agreed.',
      'The Ministerial Conference was held in the spring.',
    ]);
  });
});

describe('heading layout rules on small layouts', () => {
  const SENTENCE = 'The dialogue met in the spring and agreed on the plan of the year.';
  const rows = (units: Unit[]) => units.map((u) => [u.id, u.label, u.section]);

  it.each([
    [
      'a chart header straight after a heading, with only chart cells below it, is withdrawn at the page start',
      `KEY FACTS\n\nMINISTERIAL SENIOR\nCONFERENCES MEETINGS\n\nWhen: Annual What: Backbone of the work\n\n ${SENTENCE}\n`,
      [['b:key-facts-1', 'Key facts, paragraph 1', 'Key facts']],
    ],
    [
      'a letterless page-top marker (" 1.") closes the open sections',
      `KEY FACTS\n\n${SENTENCE}\n 1.\n\n${SENTENCE}\n`,
      [
        ['b:key-facts-1', 'Key facts, paragraph 1', 'Key facts'],
        ['b:intro-1', 'Introduction, paragraph 1', ''],
      ],
    ],
    [
      'capitals entries nest under a capitals heading ending in ":", each taking the year line above it',
      `THE CONFERENCES:\n\n1991\n\nBERLIN\nGERMANY\n\n${SENTENCE}\n\n2013\n\nISTANBUL\nTURKEY\n\n${SENTENCE}\n\n2019\n\nISTANBUL\nTURKEY\n\n${SENTENCE}\n\nThey met in Berlin and Germany, Istanbul and Turkey.\n`,
      [
        ['b:berlin-germany-1991-1', 'Berlin, Germany (1991), paragraph 1', 'The conferences › Berlin, Germany (1991)'],
        [
          'b:istanbul-turkey-2013-1',
          'Istanbul, Turkey (2013), paragraph 1',
          'The conferences › Istanbul, Turkey (2013)',
        ],
        [
          'b:istanbul-turkey-2019-1',
          'Istanbul, Turkey (2019), paragraph 1',
          'The conferences › Istanbul, Turkey (2019)',
        ],
        [
          'b:istanbul-turkey-2019-2',
          'Istanbul, Turkey (2019), paragraph 2',
          'The conferences › Istanbul, Turkey (2019)',
        ],
      ],
    ],
    [
      'a place line break inside a name the text writes unbroken is not a comma',
      `PRAGUE\nCZECH\nREPUBLIC\n\n${SENTENCE} They met in Prague in the Czech Republic.\n`,
      [['b:prague-czech-republic-1', 'Prague, Czech Republic, paragraph 1', 'Prague, Czech Republic']],
    ],
    [
      'a capitals line followed by two blank lines is a running footer',
      ` PHASE 3\n\n${SENTENCE}\n\n30 YEARS OF THE PROCESS\n\n\n\nProjects of the process\n\n${SENTENCE}\n`,
      [
        ['b:phase-3-1', 'Phase 3, paragraph 1', 'Phase 3'],
        ['b:projects-process-1', 'Projects of the process, paragraph 1', 'Phase 3 › Projects of the process'],
      ],
    ],
    [
      'mid-page capitals above illegible image text head nothing; the text stays in its section',
      ` PHASE 4\n\nThe reference group\n\n${SENTENCE}\n\nCONFERENCE\nBOOKLET\n\nA n ew WO rl(i ng G ro u p Stru ctu re\n\n${SENTENCE}\n`,
      [
        ['b:reference-group-1', 'The reference group, paragraph 1', 'Phase 4 › The reference group'],
        ['b:reference-group-2', 'The reference group, paragraph 2', 'Phase 4 › The reference group'],
      ],
    ],
    [
      'mid-page capitals are level 2: a page-opening chapter above them stays in the section',
      ` PHASE 4\n\n${SENTENCE}\n\nTHE COMMITMENTS OF THE YEAR\n\n${SENTENCE}\n`,
      [
        ['b:phase-4-1', 'Phase 4, paragraph 1', 'Phase 4'],
        ['b:commitments-year-1', 'The commitments of the year, paragraph 1', 'Phase 4 › The commitments of the year'],
      ],
    ],
    [
      'a heading repeated over a page of numbered captions is one heading',
      ` PHASES\n\nPhase 1\n\n1 Note from the delegation on the conference.\n\n2 Letter for the meeting in the city.\n\n3 Map of the city given to participants.\n PHASE 1\n\n${SENTENCE}\n`,
      [['b:phase-1-1', 'Phase 1, paragraph 1', 'Phase 1']],
    ],
  ])('%s', (_rule, text, expected) => {
    expect(rows(parse(text))).toEqual(expected);
  });

  it.each([
    [
      'chart field cells',
      'When: Annual meetings of the group When: Twice a year\nWhat: Steer the process of the dialogue',
    ],
    [
      'a cell starting with a field label and no sentence',
      'Who: Chairmanship, Chairs of the Working Groups and the donors',
    ],
    [
      'a footnote at the foot of a page',
      '2 Bulgaria, Hungary, Netherlands, Norway, Sweden, Switzerland and the United Kingdom.',
    ],
    [
      'chart columns read across',
      'Shift from individual Support finalisation, endorsement Development of the\ncapacity development and the border control of the countries',
    ],
    ['a caption of names ending in a full stop', 'Process Ministerial Conference Process Dialogue Ministerial logo.'],
  ])('does not emit %s', (_name, debris) => {
    const text = ` THE PROCESS\n\n${SENTENCE}\n\n${debris}\n PHASE 2\n\n${SENTENCE}\n`;
    expect(parse(text).map((u) => u.text)).toEqual([SENTENCE, SENTENCE]);
  });

  it('keeps a note that is a sentence, and a list of recurring names', () => {
    const note = 'Note: The process of the dialogue was instrumental in the approximation of the laws.';
    const names = 'Albania Armenia Austria Belgium Bulgaria Croatia Denmark';
    const units = parse(` STATES\n\n${note}\n\n${names}\n PLACES\n\n${names} again\n`);
    expect(units.map((u) => u.text).slice(0, 2)).toEqual([note, names]);
  });

  it.each([
    ['The Implementation of the Call for Action 1', 'The Implementation of the Call for Action'],
    ['Phase 1', 'Phase 1'],
    [
      'Initial expansion of the dialogue at the -\nRhodes Ministerial Conference',
      'Initial expansion of the dialogue at the Rhodes Ministerial Conference',
    ],
    [
      'Support to the Partnership under the Process\n- Silk Routes Il Project',
      'Support to the Partnership under the Process - Silk Routes II Project',
    ],
  ])('labels %j as %j', (heading, label) => {
    const units = parse(` PART\n\n${heading}\n\n${SENTENCE} The phase of the year came to an end.\n`);
    expect(units[0]?.label).toBe(`${label}, paragraph 1`);
  });

  it("reads OCR'd numerals of a series of headings as I, II, III (labels only)", () => {
    const entry = (title: string) => `${title}\n\n${SENTENCE}\n\n`;
    const units = parse(
      ` PROJECTS\n\n${entry('First of the Regions - Silk Routes | Project')}${entry('Second of the Regions - Silk Routes Il Project')}${entry('Third of the Regions - Silk Routes 1l Project')}`,
    );
    expect(units.map((u) => u.label.replace(/, paragraph 1$/, '').split(' - ')[1])).toEqual([
      'Silk Routes I Project',
      'Silk Routes II Project',
      'Silk Routes III Project',
    ]);
  });
});

describe('slugify', () => {
  it.each([
    ['Phases of the dialogue', 'phases-dialogue'],
    ['The Budapest Group of Senior Officials and more words', 'budapest-group-senior-officials-more-words'],
    ['A shift in governance with the new Chairmanship', 'shift-governance-new-chairmanship'],
    ['Integrated Border Management (IBM) in the Silk Routes Countries', 'integrated-border-management-ibm-silk-routes'],
    ['Budapest Process’ success: Türkiye', 'budapest-process-success-turkiye'],
    ['Istanbul, Turkey (2019)', 'istanbul-turkey-2019'],
    ['The', 'the'],
  ])('%j → %s', (heading, slug) => {
    expect(slugify(heading)).toBe(slug);
  });

  it.each([
    ['Phase 1', [], 'phase-1'],
    ['Phase 1', ['phase-1'], 'phase-1-b'],
    ['Phase 1', ['phase-1', 'phase-1-b'], 'phase-1-c'],
    ['One two three four five six seven', ['one-two-three-four-five-six'], 'one-two-three-four-five-six-seven'],
  ])('uniqueSlug(%j, %j) → %s', (heading, used, slug) => {
    expect(uniqueSlug(heading, new Set(used))).toBe(slug);
  });
});
