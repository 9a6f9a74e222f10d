/**
 * @module tests/ingest/parse/inventory
 * What the parser must find in each corpus document: the numbered units in sequence, their ids,
 * labels, kinds, sections, and how chosen units begin and end.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { joinPages } from '../../../ingest/normalise/text.js';
import { parseDocument } from '../../../ingest/parse/index.js';
import type { DocumentMeta, Unit } from '../../../core/types.js';

const corpusDir = new URL('../../../corpus/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', corpusDir), 'utf8')) as { documents: DocumentMeta[] };

function unitsOf(id: string): Unit[] {
  const meta = manifest.documents.find((d) => d.id === id);
  if (!meta) throw new Error(`no manifest entry ${id}`);
  return parseDocument(meta, joinPages([readFileSync(new URL(meta.file, corpusDir), 'utf8')]));
}

const units = Object.fromEntries(
  ['prague-1997', 'vienna-2005', 'call-for-action', 'prague-2009', 'budapest-process-30-years'].map((id) => [
    id,
    unitsOf(id),
  ]),
);
const all = Object.values(units).flat();
const unit = (id: string): Unit => {
  const found = all.find((u) => u.id === id);
  if (!found) throw new Error(`no unit ${id}`);
  return found;
};
const numbersOf = (doc: string, kind: Unit['kind']) => units[doc].filter((u) => u.kind === kind).map((u) => u.number);
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('inventory', () => {
  it.each([
    ['prague-1997', 'recommendation', range(55)],
    ['prague-1997', 'preamble', range(20)],
    ['prague-1997', 'consideration', range(58)],
    ['vienna-2005', 'paragraph', range(19)],
    ['prague-2009', 'preamble', range(24)],
    ['prague-2009', 'clause', [...'abcdefghijklmn']],
  ] as const)('%s: %s units numbered in sequence', (doc, kind, expected) => {
    expect(numbersOf(doc, kind)).toEqual(expected);
  });

  it('call-for-action: six priority goals with 5, 6, 6, 6, 6 and 8 actions, numbered goal.action', () => {
    const actions = units['call-for-action'];
    expect(actions.every((u) => u.kind === 'action')).toBe(true);
    const perGoal = [5, 6, 6, 6, 6, 8];
    expect(actions.map((u) => u.number)).toEqual(perGoal.flatMap((n, g) => range(n).map((a) => `${g + 1}.${a}`)));
  });

  it.each([
    ['f', 11],
    ['g', 8],
    ['h', 9],
    ['i', 5],
    ['j', 11],
    ['a', 0],
    ['k', 0],
    ['n', 0],
  ])('prague-2009: clause (%s) has %i points, in sequence', (letter, count) => {
    const points = units['prague-2009'].filter((u) => u.kind === 'point' && String(u.number).startsWith(`${letter}.`));
    expect(points.map((u) => u.number)).toEqual(range(count).map((n) => `${letter}.${n}`));
  });

  it.each([
    ['prague-1997', 134],
    ['vienna-2005', 19],
    ['call-for-action', 37],
    ['prague-2009', 83],
    ['budapest-process-30-years', 49],
  ])('%s yields %i units', (doc, count) => {
    expect(units[doc]).toHaveLength(count);
  });

  it.each([
    ['prague-1997', 'prague-1997:closing-1'],
    ['vienna-2005', 'vienna-2005:para-19'],
    ['call-for-action', 'call-for-action:pg-6.8'],
    ['prague-2009', 'prague-2009:closing-1'],
  ])('%s ends with %s (nothing after it is lost or invented)', (doc, lastId) => {
    expect(units[doc].at(-1)?.id).toBe(lastId);
  });
});

describe('ids, labels, kinds and numbers', () => {
  it.each([
    ['prague-1997:rec-18', 'Recommendation 18', 'recommendation', 18],
    ['prague-1997:preamble-13', 'Preamble, recital 13', 'preamble', 13],
    ['prague-1997:consideration-1', 'Consideration 1', 'consideration', 1],
    ['prague-1997:closing-1', 'Closing, paragraph 1', 'paragraph', 1],
    ['vienna-2005:para-12', 'Paragraph 12', 'paragraph', 12],
    ['call-for-action:pg-2.2', 'Priority Goal 2, Action 2', 'action', '2.2'],
    ['call-for-action:pg-6.7', 'Priority Goal 6, Action 7', 'action', '6.7'],
    ['prague-2009:preamble-1', 'Preamble, recital 1', 'preamble', 1],
    ['prague-2009:clause-f', 'Clause (f)', 'clause', 'f'],
    ['prague-2009:clause-f.4', 'Clause (f), point 4', 'point', 'f.4'],
    ['prague-2009:closing-1', 'Closing, paragraph 1', 'paragraph', 1],
    ['budapest-process-30-years:intro-1', 'Introduction, paragraph 1', 'paragraph', 1],
    ['budapest-process-30-years:phase-1-1', 'Phase 1, paragraph 1', 'paragraph', 1],
    [
      'budapest-process-30-years:budapest-group-senior-officials-1',
      'The Budapest Group of Senior Officials, paragraph 1',
      'paragraph',
      1,
    ],
  ] as const)('%s is "%s", a %s numbered %j', (id, label, kind, number) => {
    const u = unit(id);
    expect([u.label, u.kind, u.number, u.documentId]).toEqual([label, kind, number, id.split(':')[0]]);
  });

  it('orders units from 0 in reading order and leaves page null for single-page text', () => {
    for (const list of Object.values(units)) {
      expect(list.map((u) => u.order)).toEqual(list.map((_, i) => i));
      expect(list.every((u) => u.page === null)).toBe(true);
    }
  });
});

describe('unit text: how chosen units begin and end', () => {
  it.each([
    [
      'prague-1997:preamble-1',
      'Meeting in Prague on 14-15 October 1997 at the invitation',
      'High Commissioner for Refugees;',
    ],
    [
      'prague-1997:preamble-13',
      'Taking into account recent multilateral action',
      'adopted by the Council of Ministers of the European Union;',
    ],
    [
      'prague-1997:preamble-20',
      'Have adopted the following recommendations:',
      'Have adopted the following recommendations:',
    ],
    [
      'prague-1997:consideration-1',
      'Suggesting that the objectives set by the previous conference',
      'combating trafficking in aliens;',
    ],
    [
      'prague-1997:consideration-4',
      'Noting that activities constituting trafficking in aliens i.a. include',
      'harbouring facilities and illegal employment;',
    ],
    [
      'prague-1997:rec-1',
      'Recommend that a common understanding of the term "trafficking in aliens"',
      'applicable in such a State;',
    ],
    [
      'prague-1997:rec-7',
      'Recommend to examine the possibility of imposing appropriate sanctions',
      'offences relating to trafficking in aliens;',
    ],
    [
      'prague-1997:rec-12',
      'Recommend that participating States, which have not yet done so, accede to',
      'Confiscation of the Proceeds from Crime;',
    ],
    ['prague-1997:rec-18', 'Recommend that sanctions be introduced against carriers', 'liable for the return costs;'],
    [
      'prague-1997:rec-45',
      'Recommend that the European Commission may pay appropriate attention',
      'framework of a pre-accession strategy.',
    ],
    [
      'prague-1997:rec-55',
      'Recommend that the Chairmanship of the Budapest Group',
      'Recommendations adopted by this Conference.',
    ],
    [
      'prague-1997:closing-1',
      'Thanking: The Government of the Czech Republic',
      'hosted preparatory meetings for this Conference.',
    ],
    [
      'vienna-2005:para-1',
      'The joint meeting of the Bali and the Budapest Process on implementation of anti-trafficking',
      '(ICMPD).',
    ],
    [
      'vienna-2005:para-5',
      'The Secretariat outlined the main purpose of the meeting',
      'between trafficking in human beings and migration.',
    ],
    [
      'vienna-2005:para-12',
      'Notwithstanding the fact that trafficking in human beings constitutes',
      'labour inspectors and NGOs.',
    ],
    [
      'vienna-2005:para-19',
      'The participants thanked Turkey for chairing the meeting',
      'substance preparations and arrangements.',
    ],
    [
      'call-for-action:pg-1.1',
      'Strengthen international, regional and bilateral cooperation',
      'as well as trafficking in human beings;',
    ],
    [
      'call-for-action:pg-2.2',
      'Strengthen existing policies and make use of existing pathways',
      'taking into account national competences;',
    ],
    [
      'call-for-action:pg-3.2',
      'Strengthen capacities of competent national authorities',
      'readmit their own nationals;',
    ],
    [
      'call-for-action:pg-3.6',
      'Reinforce the ownership and capacities of countries of return',
      'cooperation with the private sector.',
    ],
    [
      'call-for-action:pg-5.2',
      'Promote measures to enhance identification, registration and protection',
      'groups at heightened risk;',
    ],
    [
      'call-for-action:pg-6.7',
      'Support schools and other educational structures',
      'xenophobia and related intolerance;',
    ],
    ['call-for-action:pg-6.8', 'Support accurate and evidence-based narratives', 'disinformation about migrants.'],
    [
      'prague-2009:preamble-1',
      'We, the Ministers responsible for migration',
      'European Commissioner responsible for Migration,',
    ],
    [
      'prague-2009:preamble-2',
      'Gathered, at the invitation of the Czech Republic',
      'on “Building Migration Partnerships”,',
    ],
    ['prague-2009:preamble-24', 'To this end we agree to strengthen co-operation', 'as well as of refugees:'],
    ['prague-2009:clause-a', 'This approach is based on the strong conviction', 'security and social cohesion.'],
    [
      'prague-2009:clause-f',
      'These partnerships will address the issue of preventing and fighting illegal migration, in particular by:',
      'in particular by:',
    ],
    [
      'prague-2009:clause-f.4',
      'jointly promoting the further introduction of biometrics',
      'privacy and human dignity,',
    ],
    ['prague-2009:clause-j.9', 'fostering the use of new technologies', 'fight against money laundering,'],
    [
      'prague-2009:clause-j.10',
      'acknowledging the important role of diasporas',
      'policies on migration and development,',
    ],
    [
      'prague-2009:clause-k',
      'These partnerships will be pragmatic and operational. To this end',
      'integration in future joint cooperation.',
    ],
    ['prague-2009:clause-n', 'In full awareness of our shared responsibilities', 'balanced nature of the approach.'],
    [
      'prague-2009:closing-1',
      'With regard to this and to the follow-up, we mandate our senior officials',
      'Ministerial Conference in due time.',
    ],
    [
      'budapest-process-30-years:intro-1',
      'This publication prepared by the Budapest Process Secretariat',
      'thematic expansion over the years.',
    ],
    [
      'budapest-process-30-years:30-years-anniversary-budapest-process-1',
      'This year the Budapest Process celebrates its 30th anniversary.',
      'covering new geographic regions.',
    ],
    [
      'budapest-process-30-years:phase-1-1',
      'Following the Budapest Process Ministerial Conference',
      'Their highlights are further developed below.',
    ],
    [
      'budapest-process-30-years:setting-up-expert-groups-implement-bp-1',
      'In the Prague meeting held in 1994, expert groups',
      'International Organization of Migration (I0M).',
    ],
    [
      'budapest-process-30-years:preparing-ministerial-conference-1',
      'The Chairmanship announced the need for a new Ministerial Conference',
      'Ministerial Conference ensued.',
    ],
    [
      'budapest-process-30-years:integrated-border-management-ibm-silk-routes-1',
      'The IBM Silk Routes project supports',
      'expected to be achieved in upcoming months:',
    ],
  ])('%s begins %j and ends %j', (id, start, end) => {
    const text = unit(id).text;
    expect(text.startsWith(start)).toBe(true);
    expect(text.endsWith(end)).toBe(true);
  });

  it.each([
    ['prague-1997:consideration-4', 'abuse of genuine documents, providing advice'],
    ['prague-1997:consideration-42', 'reinforced technical co-operation, and that such co-operation'],
    ['prague-1997:preamble-13', 'The Joint Action of 21 January 1997 concerning action to combat trafficking'],
    [
      'prague-1997:rec-12',
      '(ii) Instruments improving and facilitating international cooperation The 1957 European Convention',
    ],
    ['vienna-2005:para-1', 'Organisation for Security and Co-operation in Europe (OSCE)'],
    [
      'vienna-2005:para-2',
      'each focusing on 1) Comprehensive anti-trafficking legislation and its implementation 2) Trafficking',
    ],
    ['call-for-action:pg-1.2', 'criminal networks involved in the smuggling'],
    ['call-for-action:pg-3.6', 'by supporting the establishment of their national reintegration structures'],
    [
      'budapest-process-30-years:30-years-anniversary-budapest-process-3',
      'The Budapest Process is a state-led dialogue.',
    ],
    ['budapest-process-30-years:setting-up-expert-groups-implement-bp-1', 'the concluding J N 3 POLISH BORDER GUARD'],
    [
      'budapest-process-30-years:2013-ministerial-conference-silk-routes-partnership-1',
      'Its six priority goals below were agreed upon: 1. 2. v 16 promote legal migration and mobility;',
    ],
  ])('%s reads %j (whitespace collapsed, line-break hyphens re-joined, nothing else changed)', (id, passage) => {
    expect(unit(id).text).toContain(passage);
  });

  it.each([
    ['call-for-action title', 'call-for-action', '(all for Action'],
    ['prague-2009 page number', 'prague-2009', 'laundering, 9'],
    ['prague-2009 rule', 'prague-2009', '____'],
    ['prague-1997 title', 'prague-1997', 'CONFERENCE OF MINISTERS'],
  ])('leaves out %s', (_name, doc, fragment) => {
    expect(units[doc].some((u) => u.text.includes(fragment))).toBe(false);
  });

  it('keeps OCR damage verbatim', () => {
    expect(unit('budapest-process-30-years:shift-governance-new-chairmanship-1').text).toContain(
      'Tiirkiye was endorsed',
    );
    expect(unit('budapest-process-30-years:support-silk-routes-partnership-migration-budapest-3').text).toContain(
      'authorities in Irag,',
    );
    expect(unit('budapest-process-30-years:intro-1').text).toContain('Budapest Pracess’ geographic');
  });
});

describe('sections', () => {
  const HARMONIZATION = 'Harmonization of legislation to combat trafficking in aliens';
  const RETURN = 'Return to the country of origin and readmission agreements';
  it.each([
    ['prague-1997:preamble-1', ''],
    ['prague-1997:consideration-1', HARMONIZATION],
    [
      'prague-1997:rec-1',
      `${HARMONIZATION} › (a) The need for a common understanding of the term "trafficking in aliens"`,
    ],
    [
      'prague-1997:rec-2',
      `${HARMONIZATION} › (b) The need for criminalizing trafficking in aliens and for applying effective sanctions to trafficking in aliens and related activities`,
    ],
    [
      'prague-1997:rec-12',
      `${HARMONIZATION} › (c) The need for accession to and implementation of relevant international instruments`,
    ],
    ['prague-1997:rec-18', 'Pre-entry and entry control, in particular the approximation of visa regimes'],
    ['prague-1997:consideration-25', RETURN],
    ['prague-1997:rec-24', `${RETURN} › (a) Return to countries of origin and their obligation to readmit`],
    ['prague-1997:rec-33', `${RETURN} › (b) Readmission agreements`],
    ['prague-1997:rec-42', 'Information exchange on illegal migration'],
    ['prague-1997:rec-43', 'Technical and financial assistance to Central and Eastern European States'],
    ['prague-1997:consideration-49', 'Linkage between trafficking in aliens and other forms of organized crime'],
    ['prague-1997:rec-55', 'Further co-operation between participating States'],
    ['prague-1997:closing-1', ''],
    ['vienna-2005:para-3', ''],
    ['call-for-action:pg-1.5', 'Priority Goal 1'],
    ['call-for-action:pg-2.2', 'Priority Goal 2'],
    ['call-for-action:pg-6.8', 'Priority Goal 6'],
    ['prague-2009:preamble-10', ''],
    ['prague-2009:clause-f', ''],
    ['prague-2009:clause-f.4', 'Clause (f)'],
    ['prague-2009:clause-j.11', 'Clause (j)'],
    ['budapest-process-30-years:intro-2', ''],
    ['budapest-process-30-years:phase-1-1', 'Phase 1'],
    ['budapest-process-30-years:budapest-group-senior-officials-1', 'Phase 1 › The Budapest Group of Senior Officials'],
    ['budapest-process-30-years:eastward-geographic-expansion-1', 'Phase 2 › Eastward geographic expansion'],
    ['budapest-process-30-years:budapest-process-reference-group-1', 'Phase 4 › The Budapest Process Reference Group'],
    ['budapest-process-30-years:participating-states-1', 'Participating States'],
  ])('%s sits under %j', (id, section) => {
    expect(unit(id).section).toBe(section);
  });

  it('prague-1997: every recommendation and consideration sits under one of the seven groups', () => {
    const groups = new Set(
      units['prague-1997']
        .filter((u) => u.kind !== 'preamble' && u.section !== '')
        .map((u) => u.section.split(' › ')[0]),
    );
    expect(groups.size).toBe(7);
    expect(
      units['prague-1997']
        .filter((u) => u.kind === 'recommendation' || u.kind === 'consideration')
        .every((u) => u.section !== ''),
    ).toBe(true);
  });
});
