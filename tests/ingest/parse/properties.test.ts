/**
 * @module tests/ingest/parse/properties
 * Properties every parse of the corpus must keep: unit text is verbatim source (modulo whitespace and
 * line-break hyphens), ids are unique, units follow the source in order without overlapping, no unit
 * stops mid-sentence, and nothing but headings, item markers and page furniture is left out.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { containsFolded, foldForCompare } from '../../../core/text/fold.js';
import { joinPages } from '../../../ingest/normalise/text.js';
import { parseDocument } from '../../../ingest/parse/index.js';
import type { DocumentMeta, Unit } from '../../../core/types.js';

const corpusDir = new URL('../../../corpus/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', corpusDir), 'utf8')) as { documents: DocumentMeta[] };
const docs = manifest.documents.map((meta) => {
  const source = readFileSync(new URL(meta.file, corpusDir), 'utf8');
  return { id: meta.id, source, units: parseDocument(meta, joinPages([source])) };
});
const doc = (id: string) => {
  const found = docs.find((d) => d.id === id);
  if (!found) throw new Error(`no document ${id}`);
  return found;
};

// Units of the 30-years brochure that end without punctuation because the source does: a list of
// states, a timeline entry closed by a bracket, project fact lines ("… | Funded by …"), a sentence
// followed by stray OCR, and a list of meeting places.
const UNPUNCTUATED_30_YEARS = new Set(
  [
    'participating-states-1',
    'istanbul-turkey-2019-1',
    'initial-thematic-expansion-dialogue-rhodes-ministerial-2',
    'fostering-migration-cooperation-silk-routes-region-1',
    'bridging-actions-migration-management-silk-routes-1',
    'support-silk-routes-partnership-migration-budapest-1',
    'improving-migration-management-silk-routes-countries-1',
    'overview-where-meetings-held-past-30-1',
  ].map((key) => `budapest-process-30-years:${key}`),
);

const SENTENCE_END = /[.;:!?]["'”’)]*$/;

/** How a unit of each document may end; list items of the 2009 declaration end in commas. */
const ENDS_PROPERLY: Record<string, (u: Unit) => boolean> = {
  'prague-1997': (u) => /[.;:]$/.test(u.text),
  'vienna-2005': (u) => /\.$/.test(u.text),
  'call-for-action': (u) => /[.;]$/.test(u.text),
  'prague-2009': (u) => (u.kind === 'preamble' || u.kind === 'point' ? /[,.:]$/ : /[.:]$/).test(u.text),
  'budapest-process-30-years': (u) => SENTENCE_END.test(u.text) || UNPUNCTUATED_30_YEARS.has(u.id),
};

describe.each(docs.map((d) => [d.id, d] as const))('%s', (_id, { id, source, units }) => {
  it('has units', () => {
    expect(units.length).toBeGreaterThan(0);
  });

  it('every unit text occurs in the source, up to whitespace and line-break hyphens', () => {
    const missing = units.filter((u) => !containsFolded(source, u.text)).map((u) => u.id);
    expect(missing).toEqual([]);
  });

  it('unit text is trimmed, single-spaced and never empty', () => {
    for (const u of units) {
      expect(u.text).toBe(u.text.replace(/\s+/g, ' ').trim());
      expect(u.text.length).toBeGreaterThan(0);
    }
  });

  it('ids are unique and read <documentId>:<unit>', () => {
    expect(new Set(units.map((u) => u.id)).size).toBe(units.length);
    expect(units.every((u) => u.id.startsWith(`${id}:`) && u.documentId === id)).toBe(true);
    expect(units.every((u) => /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/.test(u.id.slice(id.length + 1)))).toBe(true);
  });

  it('units follow the source in reading order and never overlap', () => {
    const folded = foldForCompare(source);
    let position = 0;
    for (const u of units) {
      const at = folded.indexOf(foldForCompare(u.text), position);
      expect(at, `${u.id} not found after the previous unit`).toBeGreaterThanOrEqual(position);
      position = at + foldForCompare(u.text).length;
    }
  });

  it('no unit ends mid-sentence', () => {
    const cut = units.filter((u) => !ENDS_PROPERLY[id](u)).map((u) => `${u.id}: …${u.text.slice(-30)}`);
    expect(cut).toEqual([]);
  });

  it('no unit starts mid-sentence (in lower case), except list points that the source writes so', () => {
    const cut = units.filter((u) => /^\p{Ll}/u.test(u.text) && u.kind !== 'point').map((u) => u.id);
    expect(cut).toEqual([]);
  });
});

describe('coverage of the structured documents', () => {
  // What may lie between units: document titles, the headings named in unit sections, item markers
  // ("18.", "/.", "(f)"), page numbers and rules.
  const TITLES: Record<string, string[]> = {
    'prague-1997': [
      'CONFERENCE OF MINISTERS',
      'ON THE PREVENTION OF ILLEGAL MIGRATION',
      'HELD IN THE CONTEXT OF THE BUDAPEST PROCESS',
      'IN PRAGUE ON 14-15 OCTOBER 1997',
      'RECOMMENDATIONS',
    ],
    'vienna-2005': [],
    'call-for-action': ['The Budapest Process (all for Action'],
    'prague-2009': ['BUILDING MIGRATION PARTNERSHIPS', 'PRAGUE MINISTERIAL CONFERENCE', 'JOINT DECLARATION'],
  };
  const MARKERS = [/^(?:\d{1,3}|\/)\./, /^\([a-z]\)/, /^\d{1,3}/, /^_+/];

  function unexplained(gap: string, headings: string[]): string {
    let rest = gap;
    for (;;) {
      const heading = headings.find((h) => h !== '' && rest.startsWith(h));
      const marker = MARKERS.map((m) => m.exec(rest)?.[0]).find((m) => m !== undefined);
      const skip = heading ?? marker;
      if (skip === undefined || rest === '') return rest;
      rest = rest.slice(skip.length);
    }
  }

  it.each(Object.keys(TITLES))('%s: units, headings and markers rejoin to the whole source', (id) => {
    const { source, units } = doc(id);
    const headings = [...TITLES[id], ...units.flatMap((u) => u.section.split(' › '))].map(foldForCompare);
    const folded = foldForCompare(source);
    const leftovers: string[] = [];
    let position = 0;
    for (const u of [...units, null]) {
      const text = u ? foldForCompare(u.text) : '';
      const at = u ? folded.indexOf(text, position) : folded.length;
      const rest = unexplained(folded.slice(position, at), headings);
      if (rest !== '') leftovers.push(`before ${u?.id ?? 'the end'}: ${rest}`);
      position = at + text.length;
    }
    expect(leftovers).toEqual([]);
  });

  it('detects a dropped unit (the check is not vacuous)', () => {
    const { source, units } = doc('vienna-2005');
    const folded = foldForCompare(source);
    const withoutPara7 = units.filter((u) => u.id !== 'vienna-2005:para-7');
    const start = folded.indexOf(foldForCompare(withoutPara7[5].text)) + foldForCompare(withoutPara7[5].text).length;
    const end = folded.indexOf(foldForCompare(withoutPara7[6].text));
    expect(unexplained(folded.slice(start, end), [])).not.toBe('');
  });
});

describe('coverage of the 30-years brochure', () => {
  const { source, units } = doc('budapest-process-30-years');
  const unitTexts = units.map((u) => foldForCompare(u.text));
  const headingTexts = units.flatMap((u) => u.section.split(' › ')).map((h) => foldForCompare(h).toLowerCase());
  const STOP = new Set(
    'a an the and or of to in on at by for from with as is are was were be it its this that which'.split(' '),
  );

  // A line of running text: not in capitals, five or more words, two of them function words.
  const proseLines = source.split('\n').filter((line) => {
    if (line.replace(/\P{L}/gu, '') === line.replace(/\P{L}/gu, '').toUpperCase()) return false;
    const words = line
      .trim()
      .split(/\s+/)
      .filter((w) => /^[a-z’'-]+[,.;:]?$/i.test(w));
    return words.length >= 5 && words.filter((w) => STOP.has(w.toLowerCase().replace(/[,.;:]$/, ''))).length >= 2;
  });

  it('finds plenty of running text to check', () => {
    expect(proseLines.length).toBeGreaterThan(250);
  });

  // Lines that pass the running-text test above but belong to layout no one cites, each a whole
  // passage: chart cells ("When: … What: … Who: …"), a footnote at a page's foot, numbered photo
  // captions, caption lines without a sentence, and chart columns read across (no sentence mark).
  // Any other line of running text that no unit holds fails the check.
  const DEBRIS_LINES = new Set([
    // chart cells
    'When: Approximately When: 30+ meetings in 30 years, When: Annual or bi-annual',
    'What: Backbone for What: Main decision making to (1- Law Enforcement Cooperation',
    "the dialogue's steer the Process against Smuggling of Migrants and",
    'governance and . . Trafficking in Persons; 2- Return and',
    'and regular donors to the dialogue',
    // footnote at the foot of the timeline page
    'Hungary, Ireland, Italy, Latvia, Lithuania, Luxembourg, the Netherlands, Poland, Portugal, Romania, the Soviet Union, Spain,',
    'Switzerland, Ukraine, the United Kingdom and Yugoslavia.',
    // numbered photo captions
    '1 Note from the Italian Delegation on the Conference of Ministers on the Prevention of lllegal Immigration, October 16, 1997.',
    '2 Participation certificates for Border Realisation Meeting held in Koszalin, Poland 10-11 May 2000.',
    '3 Invitation letter for Border Realisation Meeting held in Koszalin, Poland 10-11 May 2000.',
    '5 Document explaining the composition of the Oslo Working Groups.',
    '6 Map of Prague given to meeting participants.',
    // photo captions
    'Sticker for the Budapest Process Senior Officials Meeting Ankara 2011.',
    '1st Senior Officials Meeting of the Budapest Process',
    'on Fostering Cooperation in the Area of Migration with and in',
    // chart columns read across
    '* Support to the Budapest Process » Demand driven facility for technical + Migrant Resource Centres in five',
    'management in all areas of',
    'aspects of migration and climate',
    '* A consultative forum with over 50',
    '« Call for Proposals for large scale',
    'the Silk Routes and Central Asian',
    'migration for Europe and its',
    'Shift from individual Support finalisation, endorsement Development of FIA',
    'capacity development and |mp|em.entat|on of the border control capacity',
    'focused capacity Strategy and Action Plan inter-agency cooperation and',
    'for migration policy Y/ projects and new',
  ]);
  // A heading's words as its label shows them: the label may drop a footnote number or read an OCR'd
  // numeral ("Silk Routes | Project" → "Silk Routes I Project"), so the line's words need only
  // appear in the label in order.
  const wordsOf = (text: string) => text.toLowerCase().match(/\p{L}{2,}/gu) ?? [];
  const inOrder = (words: string[], within: string[]) => {
    let i = 0;
    for (const w of within) if (i < words.length && w === words[i]) i++;
    return words.length > 0 && i === words.length;
  };
  const headingWords = [...new Set(units.flatMap((u) => u.section.split(' › ')))].map(wordsOf);

  it('every line of running text lands in a unit, unless it is a heading or named layout debris', () => {
    const lost = proseLines.filter((line) => {
      const folded = foldForCompare(line);
      if (unitTexts.some((t) => t.includes(folded))) return false;
      if (headingTexts.some((h) => h.includes(folded.toLowerCase()))) return false;
      return !headingWords.some((h) => inOrder(wordsOf(line), h));
    });
    expect(lost.filter((line) => !DEBRIS_LINES.has(line.trim()))).toEqual([]);
  });

  it('the debris named above is really left out (the list is not stale)', () => {
    const kept = [...DEBRIS_LINES].filter((line) => unitTexts.some((t) => t.includes(foldForCompare(line))));
    expect(kept).toEqual([]);
  });

  it('keeps layout debris out of units', () => {
    expect(units.filter((u) => u.text.split(' ').length < 3).map((u) => u.text)).toEqual([]);
    for (const debris of [
      'HODES 8LAND',
      'Wersse: Bhee',
      'AUGUST 2 01 7',
      'Dialogue Q Facility',
      '10+ | orcanisaTioNs',
    ]) {
      expect(
        units.some((u) => u.text.includes(debris)),
        debris,
      ).toBe(false);
    }
  });

  it('a unit left unpunctuated is followed by a new start, never by the rest of its sentence', () => {
    units.forEach((u, i) => {
      const next = units[i + 1];
      if (!SENTENCE_END.test(u.text) && next) expect(next.text, `${u.id} → ${next.id}`).toMatch(/^[\p{Lu}\p{N}*«"“]/u);
    });
  });
});
