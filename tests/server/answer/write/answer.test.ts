import { describe, expect, it } from 'vitest';
import type { DocumentMeta, Unit, UnitKind } from '../../../../core/types.js';
import { containsFolded } from '../../../../core/text/fold.js';
import { writeAnswer, type WriteInput } from '../../../../server/answer/write/answer.js';
import type { Intent, QueryPlan } from '../../../../server/plan/types.js';
import type { SearchHit } from '../../../../server/retrieve/types.js';
import { testReading } from '../../../support/reading.js';

const meta = (id: string, shortTitle: string, date: string | null, year?: number): DocumentMeta => ({
  id,
  file: `${id}.txt`,
  title: `${shortTitle} (full title)`,
  shortTitle,
  aliases: [],
  date,
  ...(year ? { year } : {}),
  place: null,
  kind: 'declaration',
});
const p97 = meta('prague-1997', 'Prague 1997 Recommendations', '1997-10-14');
const v05 = meta('vienna-2005', 'Vienna 2005 Bali–Budapest Joint Meeting', '2005-10-24');
const p09 = meta('prague-2009', 'Prague 2009 Joint Declaration', '2009-04-27');
const cfa = meta('call-for-action', 'Call for Action', null, 2019);
const ALL = [p97, v05, p09, cfa];

let order = 0;
const hit = (
  document: DocumentMeta,
  unit: string,
  label: string,
  kind: UnitKind,
  text: string,
  score = 0.9,
): SearchHit => ({
  unit: {
    id: `${document.id}:${unit}`,
    documentId: document.id,
    label,
    kind,
    number: kind === 'paragraph' ? null : unit,
    section: '',
    text,
    page: null,
    order: order++,
  } satisfies Unit,
  document,
  score,
  lexical: 1,
  vector: 0.5,
  referenced: false,
});

const rec18 = hit(
  p97,
  'rec-18',
  'Recommendation 18',
  'recommendation',
  'Recommend that sanctions be introduced against carriers conducting transport service and failing to identify improperly documented passengers, by fining and holding the carriers liable for the return costs;',
);
const rec21 = hit(
  p97,
  'rec-21',
  'Recommendation 21',
  'recommendation',
  'Recommend that provisions may be made that visas issued should expire at least 30 days before the expiration of the travel document;',
);
const g1 = hit(
  p09,
  'clause-g.1',
  'Clause (g), point 1',
  'point',
  'prioritising voluntary return as an effective, appropriate and humane instrument in the field of return and readmission,',
  0.8,
);
const pg31 = hit(
  cfa,
  'pg-3.1',
  'Priority Goal 3, Action 1',
  'action',
  'Enhance international, regional and bilateral cooperation on return and readmission;',
  0.7,
);
const brochure = hit(
  v05,
  'para-x',
  'Intro, paragraph 1',
  'paragraph',
  'The working groups are: WG 1: Law Enforcement (COLEP) TA??E{E%{JSD&AIBE%FTLE with ten countries; WG 2: Return and Reintegration - co-chaired by Bangladesh and Türkiye;',
);

const plan = (intent: Intent, over: Partial<QueryPlan> = {}): QueryPlan => ({
  question: 'q',
  standalone: 'q',
  retrievalText: 'q',
  intent,
  answerKind: 'text',
  scope: null,
  acrossDocuments: false,
  followUp: { carried: 'nothing' },
  reading: testReading({ topicTerms: ['q'] }),
  ...over,
});
const input = (p: QueryPlan, cited: SearchHit[], claim: string, coverage = 1): WriteInput => ({
  plan: p,
  cited,
  claim,
  coverage,
  documents: ALL,
  corpusSubject: new Set(['budapest', 'process']),
  idf: () => 1,
});

/** Every reply must cite each [n] it writes, in order of first appearance, with verbatim quotes. */
function expectWellFormed(reply: ReturnType<typeof writeAnswer>, cited: SearchHit[]): void {
  const markers = [...reply.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  const firsts = [...new Set(markers)];
  expect(firsts).toEqual(reply.citations.map((c) => c.n));
  for (const c of reply.citations) {
    const unit = cited.find((h) => h.unit.id === c.id)?.unit;
    expect(unit && containsFolded(unit.text, c.quote)).toBe(true);
  }
}

describe('writeAnswer', () => {
  it('opens a lookup with a plain statement naming the unit and document, marker before the full stop', () => {
    const reply = writeAnswer(input(plan('lookup'), [rec18], 'carrier sanctions'));
    expect(reply.answer).toBe(
      'Recommendation 18 of the Prague 1997 Recommendations recommends that sanctions be introduced against carriers conducting transport service and failing to identify improperly documented passengers, by fining and holding the carriers liable for the return costs [1].',
    );
    expectWellFormed(reply, [rec18]);
  });

  it.each([
    [g1, 'Point 1 of clause (g) of the Prague 2009 Joint Declaration commits to prioritising voluntary return'],
    [
      pg31,
      'Priority Goal 3, Action 1 of the Call for Action (2019) calls on participating states to enhance international',
    ],
  ])('frames a declaration point or an action as what was committed to: %#', (h, opening) => {
    expect(writeAnswer(input(plan('lookup'), [h], 'return')).answer.startsWith(opening)).toBe(true);
  });

  it('answers a yes/no with "Yes." only when the best unit holds most of the question', () => {
    expect(writeAnswer(input(plan('yesno'), [rec18], 'fines carriers', 0.9)).answer).toMatch(
      /^Yes\. Recommendation 18/,
    );
    // Everyday wording meets the documents' only in part: half the question's weight is enough.
    expect(writeAnswer(input(plan('yesno'), [rec18], 'fines carriers', 0.6)).answer).toMatch(
      /^Yes\. Recommendation 18/,
    );
    expect(writeAnswer(input(plan('yesno'), [rec18], 'fines carriers', 0.4)).answer).toMatch(
      /^The documents do not say so in those words/,
    );
  });

  it('opens an overview of a named document with a passage on it, not a definition of something else', () => {
    const bp30 = meta('budapest-process-30-years', 'Budapest Process at 30', null, 2023);
    const young = hit(
      bp30,
      'a-2',
      'Anniversary, paragraph 2',
      'paragraph',
      'Despite its long history, the Budapest Process is a “young” migration dialogue.',
    );
    const istanbul = hit(
      bp30,
      'i-1',
      'Istanbul, Turkey (2019), paragraph 1',
      'paragraph',
      'Introduction of the Call for Action, which includes 41 concrete actions, under the six priority goals.',
    );
    const pg11 = hit(cfa, 'pg-1.1', 'Priority Goal 1, Action 1', 'action', 'Strengthen cooperation.');
    const p = plan('overview', { reading: testReading({ named: ['call-for-action'] }) });
    const reply = writeAnswer(input(p, [young, istanbul, pg11], 'call for action'));
    expect(reply.answer).toMatch(/^[^\n]*Introduction of the Call for Action/i);
    expectWellFormed(reply, [young, istanbul, pg11]);
  });

  it('quotes the sentence that holds the asked-for fact', () => {
    const p = plan('lookup', {
      answerKind: 'date',
      question: 'how long before the passport expires should a visa end?',
    });
    const reply = writeAnswer(input(p, [rec21], 'visa expire passport'));
    expect(reply.citations[0].quote).toContain('30 days');
  });

  it('writes a summary as a section per document in date order, whatever the ranking, naming silent documents', () => {
    const cited = [pg31, g1, rec18];
    const reply = writeAnswer(input(plan('summary', { acrossDocuments: true }), cited, 'return readmission'));
    const at = (s: string) => reply.answer.indexOf(s);
    expect(at('**Prague 1997 Recommendations**')).toBeGreaterThan(0);
    expect(at('**Prague 1997 Recommendations**')).toBeLessThan(at('**Prague 2009 Joint Declaration**'));
    expect(at('**Prague 2009 Joint Declaration**')).toBeLessThan(at('**Call for Action (2019)**'));
    expect(reply.answer).toMatch(/- Clause \(g\), point 1: prioritising voluntary return .* \[\d\]\./);
    expect(reply.answer).toMatch(/The Vienna 2005 Bali–Budapest Joint Meeting has no passage on this\.$/);
    expectWellFormed(reply, cited);
  });

  it('names several silent documents in one sentence: one capital, "and" before the last', () => {
    const reply = writeAnswer(input(plan('summary', { acrossDocuments: true }), [g1, pg31], 'voluntary return'));
    expect(reply.answer).toMatch(
      /\n\nThe Prague 1997 Recommendations and the Vienna 2005 Bali–Budapest Joint Meeting have no passage on this\.$/,
    );
  });

  it('opens a timeline with the earliest document', () => {
    const reply = writeAnswer(
      input(plan('timeline', { scope: ['prague-1997', 'prague-2009'] }), [g1, rec18], 'return'),
    );
    expect(reply.answer.startsWith('Recommendation 18 of the Prague 1997 Recommendations')).toBe(true);
  });

  it('compares documents in a markdown table, then says what a later one adds', () => {
    const cited = [rec18, g1];
    const reply = writeAnswer(input(plan('comparison'), cited, 'return carriers'));
    expect(reply.answer).toContain('| Document | What it says |');
    expect(reply.answer).toMatch(/\| Prague 2009 Joint Declaration \| Clause \(g\), point 1: /);
    expect(reply.answer).toMatch(/What changed: the Prague 2009 Joint Declaration adds “/);
    expectWellFormed(reply, cited);
  });

  it('fills a comparison cell with the points holding most of the question, operative before motivating', () => {
    const recital = hit(
      p09,
      'preamble-22',
      'Preamble, recital 22',
      'preamble',
      'Recognising that return matters;',
      0.95,
    );
    const aside = hit(
      p09,
      'clause-j.4',
      'Clause (j), point 4',
      'point',
      'exploring brain gain effects of mobility,',
      0.9,
    );
    const g2 = hit(
      p09,
      'clause-g.2',
      'Clause (g), point 2',
      'point',
      'pursuing the return of irregular migrants,',
      0.7,
    );
    const g3 = hit(p09, 'clause-g.3', 'Clause (g), point 3', 'point', 'supporting return and reintegration,', 0.6);
    const cited = [rec18, recital, aside, g1, g2, g3];
    const holds = (id: string) => (id.endsWith('clause-j.4') ? 0.2 : 1);
    const reply = writeAnswer({ ...input(plan('comparison'), cited, 'return'), holds });
    // One row per point, the document named on the first; no <br> inside cells.
    const lines = reply.answer.split('\n');
    const first = lines.findIndex((l) => l.startsWith('| Prague 2009'));
    expect(lines.slice(first, first + 3)).toEqual([
      expect.stringMatching(/^\| Prague 2009 Joint Declaration \| Clause \(g\), point 1: /),
      expect.stringMatching(/^\| {2}\| Clause \(g\), point 2: /),
      expect.stringMatching(/^\| {2}\| Clause \(g\), point 3: /),
    ]);
    expect(reply.answer).not.toMatch(/<br>/);
    expect(lines.filter((l) => l.startsWith('|')).join('\n')).not.toMatch(/recital 22|Clause \(j\)/);
    expectWellFormed(reply, cited);
  });

  it('opens with what a document commits to before what motivates it, when it holds as much of the question', () => {
    const c12 = hit(p97, 'consideration-12', 'Consideration 12', 'consideration', 'Noting that carriers matter;', 0.95);
    const cited = [c12, rec18];
    const summary = plan('summary', { scope: ['prague-1997'] });
    const opening = (holds: (id: string) => number) =>
      writeAnswer({ ...input(summary, cited, 'carriers'), holds }).answer.split('\n')[0];
    expect(opening(() => 1)).toMatch(/^Recommendation 18 of the Prague 1997 Recommendations/);
    expect(opening((id) => (id.endsWith('rec-18') ? 0.5 : 1))).toMatch(/^In consideration 12/);
  });

  // The opening may state the second-ranked unit (operative first): the first must still be shown, and the
  // opened one not again under "Also relevant".
  it('shows every cited unit of a lookup once, whichever the opening states', () => {
    const c12 = hit(p97, 'consideration-12', 'Consideration 12', 'consideration', 'Noting that carriers matter;', 0.95);
    const cited = [c12, rec18];
    const reply = writeAnswer({ ...input(plan('lookup'), cited, 'carriers'), holds: () => 1 });
    expect(reply.answer).toMatch(/^Recommendation 18 of the Prague 1997 Recommendations/);
    expect(reply.answer.match(/Recommendation 18/g)).toHaveLength(1);
    expect(reply.answer).toMatch(/Also relevant:\n- Prague 1997 Recommendations, Consideration 12: /);
    expect(reply.citations.map((c) => c.id).sort()).toEqual(['prague-1997:consideration-12', 'prague-1997:rec-18']);
    expectWellFormed(reply, cited);
  });

  it('lists an enumeration as a numbered list, every item cited', () => {
    const cited = [rec21, rec18];
    const reply = writeAnswer(input(plan('enumeration'), cited, 'recommendations'));
    expect(reply.answer).toMatch(
      /^The Prague 1997 Recommendations name 2: Recommendation 18 \[1\], Recommendation 21 \[2\]\./,
    );
    expect(reply.answer).toMatch(/\n1\. Recommendation 18: .* \[1\]\.\n2\. Recommendation 21: .* \[2\]\./);
    expectWellFormed(reply, cited);
  });

  it('never quotes OCR debris', () => {
    const p = plan('lookup', { answerKind: 'body', question: 'who co-chairs the working group on return?' });
    const reply = writeAnswer(input(p, [brochure], 'working group return co-chaired'));
    expect(reply.citations[0].quote).not.toMatch(/[{%&?]/);
    expect(reply.citations[0].quote).toContain('co-chaired by Bangladesh');
  });
});
