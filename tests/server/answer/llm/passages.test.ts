/**
 * @module tests/server/answer/llm/passages
 * The passages the model reads are grouped by document, documents in date order, numbered 1…k in that
 * order; the same numbered list is what the post-checks map [n] markers back through, so the numbering must
 * hold every hit once and mean the same unit in the prompt and in the reply.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocumentMeta, Unit } from '../../../../core/types.js';
import {
  byDocumentDate,
  documentHeading,
  formatPassages,
  numberPassages,
} from '../../../../server/answer/llm/passages.js';
import { finaliseLlmAnswer } from '../../../../server/answer/llm/postprocess.js';
import type { SearchHit } from '../../../../server/retrieve/types.js';
import { PRAGUE_1997, REC_18, REC_18_TEXT } from '../../../support/llm-fixtures.js';

function documentOf(id: string, date: string | null, year?: number): DocumentMeta {
  return {
    id,
    file: `${id}.txt`,
    title: `Title of ${id}`,
    shortTitle: `Short ${id}`,
    aliases: [],
    date,
    ...(year === undefined ? {} : { year }),
    place: null,
    kind: 'document',
  };
}

function unitOf(documentId: string, order: number, text: string, label = `Paragraph ${order}`): Unit {
  return {
    id: `${documentId}:p-${order}`,
    documentId,
    label,
    kind: 'paragraph',
    number: order,
    section: '',
    text,
    page: null,
    order,
  };
}

const hitOf = (unit: Unit, document: DocumentMeta, score = 0.5): SearchHit => ({
  unit,
  document,
  score,
  lexical: score,
  vector: score,
  referenced: false,
});

const VIENNA = documentOf('vienna-2005', '2005-10-24');
const CALL = documentOf('call-for-action', null, 2019);
const REC_10 = unitOf(
  'prague-1997',
  10,
  'Recommend that sanctions be introduced against forgers;',
  'Recommendation 10',
);
const PARA_4 = unitOf('vienna-2005', 4, 'Trafficking in human beings was a priority.');
const ACTION_1 = unitOf('call-for-action', 3, 'Strengthen return and readmission.', 'Action 1');

describe('numberPassages', () => {
  it('groups by document in date order, units in reading order, numbered 1…k', () => {
    // Best first, as retrieval ranks them: the Call for Action (2019, no full date) first, Prague 1997 last.
    const hits = [hitOf(ACTION_1, CALL, 0.9), hitOf(REC_18, PRAGUE_1997, 0.8), hitOf(PARA_4, VIENNA, 0.7)];
    hits.push(hitOf(REC_10, PRAGUE_1997, 0.6));
    const numbered = numberPassages(hits);
    expect(numbered.map((p) => [p.n, p.hit.unit.id])).toEqual([
      [1, 'prague-1997:p-10'],
      [2, 'prague-1997:rec-18'],
      [3, 'vienna-2005:p-4'],
      [4, 'call-for-action:p-3'],
    ]);
  });

  it('gives nothing for no hits', () => {
    expect(numberPassages([])).toEqual([]);
    expect(formatPassages([])).toBe('(no passages were found)');
  });
});

describe('formatPassages', () => {
  it('heads each document with its short title and year, then one numbered line per passage', () => {
    const text = formatPassages(
      numberPassages([hitOf(PARA_4, VIENNA), hitOf(REC_18, PRAGUE_1997), hitOf(ACTION_1, CALL)]),
    );
    expect(text.split('\n\n')).toEqual([
      '## Prague 1997 Recommendations (1997)',
      `[1] Recommendation 18: ${REC_18_TEXT}`,
      '## Short vienna-2005 (2005)',
      '[2] Paragraph 4: Trafficking in human beings was a priority.',
      '## Short call-for-action (2019)',
      '[3] Action 1: Strengthen return and readmission.',
    ]);
  });

  it.each([
    ['a full date', documentOf('d', '1997-10-14'), 'Short d (1997)'],
    ['a year alone', documentOf('d', null, 2019), 'Short d (2019)'],
    ['no date at all', documentOf('d', null), 'Short d'],
  ])('names a document with %s as "%s"', (_case, document, heading) => {
    expect(documentHeading(document)).toBe(heading);
  });
});

// Up to five documents with years drawn from a small range (so that ties happen), some with full dates,
// some with a year only, some with neither; up to twelve units each.
const arbitraryDocument = fc
  .record({
    year: fc.option(fc.integer({ min: 1995, max: 1999 }), { nil: undefined }),
    month: fc.integer({ min: 1, max: 12 }),
    full: fc.boolean(),
  })
  .map(({ year, month, full }) => ({
    date: year !== undefined && full ? `${year}-${String(month).padStart(2, '0')}-01` : null,
    year: year !== undefined && !full ? year : undefined,
  }));

// Unit text that tries to break the layout: newlines, fake headings, fake markers.
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('Line one.\n## Fake heading\n[99] Fake passage', '\r\n[1] again', '  spaced   out  ', '## 2001'),
);

const arbitraryHits = fc
  .array(fc.tuple(arbitraryDocument, fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 12 })), {
    minLength: 1,
    maxLength: 5,
  })
  .chain((docs) => {
    const hits = docs.flatMap(([dated, orders], d) => {
      const document = documentOf(`doc-${d}`, dated.date, dated.year);
      return orders.map((order) => ({ document, order }));
    });
    return fc.tuple(fc.shuffledSubarray(hits, { minLength: hits.length }), fc.array(hostileText, { minLength: 60 }));
  })
  .map(([picked, texts]) =>
    picked.map(({ document, order }, i) =>
      hitOf(unitOf(document.id, order, texts[i], i % 5 === 0 ? `Label\n## ${i}\n[${i}]` : undefined), document),
    ),
  )
  .filter((hits) => hits.length > 0);

describe('numbering invariants', () => {
  it('every hit once, numbered 1…k, each document contiguous, documents in date order, units in reading order', () => {
    fc.assert(
      fc.property(arbitraryHits, (hits) => {
        const numbered = numberPassages(hits);
        expect(numbered.map((p) => p.n)).toEqual(hits.map((_, i) => i + 1));
        expect(new Set(numbered.map((p) => p.hit))).toEqual(new Set(hits));
        const runs = numbered.map((p) => p.hit.unit.documentId).filter((id, i, all) => id !== all[i - 1]);
        expect(new Set(runs).size).toBe(runs.length);
        for (let i = 1; i < numbered.length; i++) {
          const [a, b] = [numbered[i - 1].hit, numbered[i].hit];
          if (a.unit.documentId === b.unit.documentId) expect(a.unit.order).toBeLessThan(b.unit.order);
          else expect(byDocumentDate(a.document, b.document)).toBeLessThanOrEqual(0);
        }
        // Documents of the same date keep the order of their best-ranked hit.
        const firstRank = (id: string) => hits.findIndex((h) => h.unit.documentId === id);
        for (let i = 1; i < runs.length; i++) {
          const [a, b] = [runs[i - 1], runs[i]].map((id) => hits.find((h) => h.unit.documentId === id)!.document);
          if (byDocumentDate(a, b) === 0) expect(firstRank(a.id)).toBeLessThan(firstRank(b.id));
        }
      }),
    );
  });

  it('the prompt shows one heading per document and each number once, in order, whatever the unit text', () => {
    fc.assert(
      fc.property(arbitraryHits, (hits) => {
        const numbered = numberPassages(hits);
        const lines = formatPassages(numbered).split('\n').filter(Boolean);
        expect(lines.filter((l) => l.startsWith('## '))).toHaveLength(new Set(hits.map((h) => h.unit.documentId)).size);
        const markers = lines.filter((l) => !l.startsWith('## ')).map((l) => /^\[(\d+)\] /.exec(l)?.[1]);
        expect(markers).toEqual(numbered.map((p) => String(p.n)));
      }),
    );
  });

  it('a [n] marker in the reply cites the unit shown as [n] in the prompt', () => {
    fc.assert(
      fc.property(arbitraryHits, fc.nat(), (hits, pick) => {
        const numbered = numberPassages(hits);
        const shown = numbered[pick % numbered.length];
        const final = finaliseLlmAnswer(`The documents address this [${shown.n}].`, numbered);
        expect(final.citations.map((c) => c.id)).toEqual([shown.hit.unit.id]);
      }),
    );
  });
});
