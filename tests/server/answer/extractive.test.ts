import { describe, expect, it } from 'vitest';
import type { DocumentMeta, Unit } from '../../../core/types.js';
import { closestMatches, writeExtractiveAnswer } from '../../../server/answer/extractive.js';
import type { SearchHit } from '../../../server/retrieve/types.js';

const meta = (id: string, shortTitle: string, date: string | null): DocumentMeta => ({
  id,
  file: `${id}.txt`,
  title: `${shortTitle} (full title)`,
  shortTitle,
  aliases: [],
  date,
  place: null,
  kind: 'declaration',
});
const p97 = meta('prague-1997', 'Prague 1997 Recommendations', '1997-10-14');
const p09 = meta('prague-2009', 'Prague 2009 Joint Declaration', '2009-04-27');
const cfa = meta('call-for-action', 'Call for Action', null);

const hit = (document: DocumentMeta, unit: string, label: string, text: string): SearchHit => ({
  unit: {
    id: `${document.id}:${unit}`,
    documentId: document.id,
    label,
    kind: 'paragraph',
    number: null,
    section: 'S',
    text,
    page: null,
    order: 0,
  } satisfies Unit,
  document,
  score: 0.9,
  lexical: 1,
  vector: 0.5,
  referenced: false,
});

const rec33 = hit(
  p97,
  'rec-33',
  'Recommendation 33',
  'Recommend that participating States continue their efforts to conclude readmission agreements. They should contain clauses on nationals.',
);
const g2 = hit(
  p09,
  'clause-g.2',
  'Clause (g), point 2',
  'pursuing policies to ensure the return of irregular migrants, especially by negotiating readmission agreements,',
);
const long = hit(
  cfa,
  'pg-3.1',
  'Priority Goal 3, Action 1',
  `Enhance cooperation on return and readmission ${'with partners and stakeholders '.repeat(30)}in full respect of rights;`,
);

describe('writeExtractiveAnswer', () => {
  it('names the document and the unit, and quotes the best sentence verbatim', () => {
    const { answer, citations } = writeExtractiveAnswer('What about readmission agreements?', [rec33]);
    expect(answer).toBe(
      'The Prague 1997 Recommendations address this in Recommendation 33: “Recommend that participating States continue their efforts to conclude readmission agreements.” [1]',
    );
    expect(citations).toEqual([
      expect.objectContaining({ n: 1, id: 'prague-1997:rec-33', url: '/documents/prague-1997#rec-33' }),
    ]);
  });

  it('groups documents in date order when an answer spans years, whatever the ranking', () => {
    const { answer, citations } = writeExtractiveAnswer('readmission', [g2, rec33]);
    expect(answer.indexOf('In 1997')).toBeGreaterThanOrEqual(0);
    expect(answer.indexOf('In 1997')).toBeLessThan(answer.indexOf('In 2009'));
    expect(citations.map((c) => c.id)).toEqual(['prague-1997:rec-33', 'prague-2009:clause-g.2']);
  });

  it('lists several units of one document, numbering citations in order', () => {
    const second = hit(p97, 'rec-34', 'Recommendation 34', 'Recommend a standard format for readmission agreements.');
    const { answer, citations } = writeExtractiveAnswer('readmission agreements', [rec33, second]);
    expect(answer).toMatch(
      /^The Prague 1997 Recommendations address this in two passages:\n- Recommendation 33: .*\[1\]\n- Recommendation 34: .*\[2\]$/,
    );
    expect(citations.map((c) => c.n)).toEqual([1, 2]);
  });

  it('shortens a long quote to a verbatim prefix and marks the cut', () => {
    const { answer, citations } = writeExtractiveAnswer('return and readmission', [long]);
    expect(citations[0].quote.length).toBeLessThanOrEqual(420);
    expect(long.unit.text.startsWith(citations[0].quote)).toBe(true);
    expect(answer).toContain('…” [1]');
  });
});

describe('closestMatches', () => {
  it('lists near misses with links, never as citations', () => {
    expect(closestMatches([rec33, g2], 1)).toEqual([
      expect.objectContaining({
        id: 'prague-1997:rec-33',
        url: '/documents/prague-1997#rec-33',
        label: 'Recommendation 33',
      }),
    ]);
  });
});
