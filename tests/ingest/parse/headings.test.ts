/**
 * @module tests/ingest/parse/headings
 * The headings parser on OCR'd layout: paragraphs under headings with stable slug ids, sentences
 * rejoined across blank lines and image debris, debris itself left out.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { joinPages } from '../../../ingest/normalise/text.js';
import { parseDocument } from '../../../ingest/parse/index.js';
import { slugify } from '../../../ingest/parse/heading-text.js';
import type { DocumentMeta, Unit } from '../../../ingest/types.js';

const corpusDir = new URL('../../../corpus/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', corpusDir), 'utf8')) as { documents: DocumentMeta[] };
const brochureMeta = manifest.documents.find((d) => d.id === 'budapest-process-30-years');
if (!brochureMeta) throw new Error('no brochure in the manifest');
const brochure = parseDocument(brochureMeta, joinPages([readFileSync(new URL(brochureMeta.file, corpusDir), 'utf8')]));

const BROCHURE_META: DocumentMeta = { ...brochureMeta, id: 'b', file: 'b.txt', structure: 'headings' };
const parse = (text: string): Unit[] => parseDocument(BROCHURE_META, joinPages([text]));
const view = (units: Unit[]) => units.map((u) => [u.id, u.section, u.text]);

describe('the 30-years brochure', () => {
  it.each([
    ['intro-1', 'Introduction, paragraph 1', ''],
    [
      '30-years-anniversary-of-the-budapest-2',
      '30 years anniversary of the Budapest Process, paragraph 2',
      '30 years anniversary of the Budapest Process',
    ],
    ['participating-states-1', 'Participating States, paragraph 1', 'Participating States'],
    ['berlin-germany-1', 'Berlin Germany, paragraph 1', 'Berlin Germany'],
    ['istanbul-turkey-2-1', 'Istanbul Turkey, paragraph 1', 'Istanbul Turkey'],
    ['phase-1-1', 'Phase 1, paragraph 1', 'Phases of the dialogue › Phase 1'],
    ['phase-1-2-1', 'Phase 1, paragraph 1', 'Phase 1'],
    [
      'the-need-for-the-prague-ministerial-2',
      'The need for the Prague Ministerial Conference in 1997, paragraph 2',
      'Phase 1 › The need for the Prague Ministerial Conference in 1997',
    ],
    [
      'a-further-regional-expansion-to-include-1',
      'A further regional expansion to include the Silk Routes, paragraph 1',
      'Phase 3 › A further regional expansion to include the Silk Routes',
    ],
    [
      'fostering-migration-cooperation-in-the-silk-1',
      'Fostering Migration Cooperation in the Silk Routes Region - Silk Routes | Project, paragraph 1',
      'Past projects under the umbrella of the Budapest Process › Fostering Migration Cooperation in the Silk Routes Region - Silk Routes | Project',
    ],
  ])('budapest-process-30-years:%s is "%s" under %j', (key, label, section) => {
    const u = brochure.find((x) => x.id === `budapest-process-30-years:${key}`);
    expect([u?.label, u?.section, u?.kind]).toEqual([label, section, 'paragraph']);
  });

  it('ids are <heading slug of at most six words>-<k>, k counting paragraphs under that heading from 1', () => {
    const counts = new Map<string, number>();
    for (const u of brochure) {
      const m = /^budapest-process-30-years:([a-z0-9]+(?:-[a-z0-9]+)*)-(\d+)$/.exec(u.id);
      expect(m, u.id).not.toBeNull();
      const [, slug, k] = m ?? [];
      counts.set(slug, (counts.get(slug) ?? 0) + 1);
      expect(Number(k)).toBe(counts.get(slug));
      expect(u.number).toBe(Number(k));
      expect(u.label).toBe(`${u.label.replace(/, paragraph \d+$/, '')}, paragraph ${k}`);
    }
  });

  it('rejoins a sentence broken by a blank line and a line of image text', () => {
    const u = brochure.find((x) => x.id === 'budapest-process-30-years:the-2013-ministerial-conference-and-the-1');
    expect(u?.text).toContain(
      'marked the 20th anniversary of the Budapest BUDAPESTE SURECi Process. The participating states adopted',
    );
  });

  it('rejoins a sentence broken by a page start', () => {
    const u = brochure.find((x) => x.id === 'budapest-process-30-years:the-budapest-group-of-senior-officials-1');
    expect(u?.text).toContain('forum for migration cooperation and would influence the European Migration debate');
  });

  it('does not take a page number for the start of a paragraph run-on', () => {
    const chart = brochure.find(
      (x) => x.id === 'budapest-process-30-years:ministerial-senior-officials-thematic-working-conferences-3',
    );
    expect(chart?.text).toBe(
      'Who: Chairmanship, Chairs of the Thematic Working Groups and regular donors to the dialogue',
    );
  });
});

describe('headings parser on small layouts', () => {
  it('joins a paragraph across a blank line that falls mid-sentence', () => {
    const units = parse(
      'THE TITLE\n\nThe process has grown over the\n\nyears and now counts many of the states.\n\nA second paragraph of the text ends here.\n',
    );
    expect(view(units)).toEqual([
      ['b:the-title-1', 'The title', 'The process has grown over the years and now counts many of the states.'],
      ['b:the-title-2', 'The title', 'A second paragraph of the text ends here.'],
    ]);
  });

  it('suffixes a repeated heading slug so ids stay unique and stable', () => {
    const units = parse(
      'PHASE 1\n\nThis is the text of the first part.\n\nPHASE 1\n\nThis is the text of the second part.\n',
    );
    expect(units.map((u) => u.id)).toEqual(['b:phase-1-1', 'b:phase-1-2-1']);
  });

  it('leaves out lone numbers and chart words', () => {
    const units = parse(
      'KEY FACTS\n\n30+\n\nYEARS\n\n10+ | orcanisaTioNs\n\nThe dialogue has met for thirty of the years.\n',
    );
    expect(view(units)).toEqual([['b:years-1', 'Years', 'The dialogue has met for thirty of the years.']]);
  });

  it('treats a short unpunctuated line above text as a sub-heading', () => {
    const units = parse(
      'PHASE 2\n\nEastward expansion of the dialogue\n\nThe second phase of the process came with the new members.\n',
    );
    expect(view(units)).toEqual([
      [
        'b:eastward-expansion-of-the-dialogue-1',
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

describe('slugify', () => {
  it.each([
    ['Phases of the dialogue', 'phases-of-the-dialogue'],
    ['The Budapest Group of Senior Officials and more words', 'the-budapest-group-of-senior-officials'],
    ['Integrated Border Management (IBM) in the Silk Routes', 'integrated-border-management-ibm-in-the'],
    ['Budapest Process’ success: Türkiye', 'budapest-process-success-turkiye'],
  ])('%j → %s', (heading, slug) => {
    expect(slugify(heading)).toBe(slug);
  });
});
