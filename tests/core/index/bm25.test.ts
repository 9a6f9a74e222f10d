/**
 * @module tests/core/index/bm25
 * The BM25 engine against the real corpus: its scores are minisearch 7's (the library whose scoring the dev
 * set was tuned on) for every dev question and its glossary expansion, scoped or not; and a unit's forward
 * terms are exactly the analysed terms of its own fields.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch, { type SearchResult } from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { Bm25Index, buildBm25Data, type Bm25Document } from '../../../core/index/bm25.js';
import {
  buildLexicalIndex,
  LEXICAL_BOOST,
  LEXICAL_FIELDS,
  toLexicalDocument,
  type LexicalIndex,
} from '../../../core/index/lexical.js';
import { analyse, tokenize, toTerm } from '../../../core/text/terms.js';
import { parseCorpus } from '../../../ingest/pipeline.js';
import type { Unit } from '../../../core/types.js';
import { expandQuery } from '../../../server/retrieve/glossary.js';
import { ROOT } from '../../support/paths.js';

type Flat = { id: string; group: string } & Record<string, string>;

const questions = readFileSync(path.join(ROOT, 'tests/eval/dev-questions.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { question: string }).question);

let units: Unit[];
let index: LexicalIndex;
let reference: MiniSearch<Flat>;

beforeAll(async () => {
  const corpus = await parseCorpus(path.join(ROOT, 'corpus'));
  units = corpus.units;
  const metaById = new Map(corpus.documents.map((d) => [d.id, d]));
  index = buildLexicalIndex(units, metaById);
  reference = new MiniSearch<Flat>({
    fields: [...LEXICAL_FIELDS],
    storeFields: ['group'],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => toTerm(term) ?? null,
  });
  reference.addAll(
    units.map((u) => {
      const doc = toLexicalDocument(u, metaById.get(u.documentId)!);
      return { id: doc.id, group: doc.group, ...doc.fields };
    }),
  );
});

/** minisearch's scores for a question plus its expansion at a weight, as the retriever combined them. */
function referenceScores(question: string, expansionWeight: number, groups?: Set<string>): Map<string, number> {
  const filter = groups ? (r: SearchResult) => groups.has(String(r.group)) : undefined;
  const options = { boost: { ...LEXICAL_BOOST }, combineWith: 'OR', filter } as const;
  const scores = new Map<string, number>();
  for (const r of reference.search(question, options)) scores.set(String(r.id), r.score);
  const expansion = [...new Set(expandQuery(question).phrases.flatMap((p) => tokenize(p)))].join(' ');
  if (expansion) {
    for (const r of reference.search(expansion, options)) {
      scores.set(String(r.id), (scores.get(String(r.id)) ?? 0) + expansionWeight * r.score);
    }
  }
  return scores;
}

function ours(question: string, expansionWeight: number, groups?: Set<string>): Map<string, number> {
  const expansion = [...new Set(expandQuery(question).phrases.flatMap((p) => tokenize(p)))].join(' ');
  const hits = index.search(
    [
      { terms: analyse(question), weight: 1 },
      { terms: analyse(expansion), weight: expansionWeight },
    ],
    { boost: LEXICAL_BOOST, groups, limit: units.length },
  );
  return new Map(hits.map((h) => [h.id, h.score]));
}

function expectSameScores(actual: Map<string, number>, expected: Map<string, number>) {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [id, score] of expected) expect(actual.get(id)).toBeCloseTo(score, 9);
}

describe('Bm25Index scores', () => {
  it('match minisearch for every dev question with its glossary expansion', () => {
    expect(questions.length).toBeGreaterThan(100);
    for (const q of questions) expectSameScores(ours(q, 0.5), referenceScores(q, 0.5));
  });

  it('match minisearch when scoped to one document', () => {
    const groups = new Set(['prague-1997']);
    for (const q of questions.slice(0, 40)) {
      const actual = ours(q, 0.5, groups);
      expectSameScores(actual, referenceScores(q, 0.5, groups));
      for (const id of actual.keys()) expect(id.startsWith('prague-1997:')).toBe(true);
    }
  });

  it('return the best `limit` hits, best first, equal to the head of the full ranking', () => {
    const q = 'sanctions against carriers transporting migrants without documents';
    const full = index.search([{ terms: analyse(q), weight: 1 }], { limit: units.length });
    const head = index.search([{ terms: analyse(q), weight: 1 }], { limit: 5 });
    expect(head).toHaveLength(5);
    expect(head).toEqual(full.slice(0, 5));
    for (let i = 1; i < full.length; i++) expect(full[i - 1].score).toBeGreaterThanOrEqual(full[i].score);
  });

  it('count a repeated query word again and multiply by the distinct words matched', () => {
    const data = buildBm25Data(
      [
        { id: 'a', group: 'g', fields: { text: 'carriers carry passengers' } },
        { id: 'b', group: 'g', fields: { text: 'passengers wait' } },
        { id: 'c', group: 'g', fields: { text: 'nothing relevant here' } },
      ] satisfies Bm25Document[],
      { fields: ['text'], forwardFields: ['text'], sequenceField: 'text' },
      { tokenize, toTerm },
    );
    const small = new Bm25Index(data);
    const once = new Map(
      small.search([{ terms: analyse('passengers'), weight: 1 }], { limit: 3 }).map((h) => [h.id, h.score]),
    );
    const twice = new Map(
      small.search([{ terms: analyse('passengers passengers'), weight: 1 }], { limit: 3 }).map((h) => [h.id, h.score]),
    );
    expect(twice.get('b')).toBeCloseTo(2 * once.get('b')!, 12);
    const both = small.search([{ terms: analyse('carriers passengers'), weight: 1 }], { limit: 3 });
    expect(both.map((h) => h.id)).toEqual(['a', 'b']);
    expect(both.some((h) => h.id === 'c')).toBe(false);
  });

  it('return nothing for words no unit holds, and nothing outside the requested groups', () => {
    expect(index.search([{ terms: analyse('zzzz qqqq'), weight: 1 }], { limit: 10 })).toEqual([]);
    expect(index.search([{ terms: analyse('carriers'), weight: 1 }], { limit: 10, groups: new Set(['nope']) })).toEqual(
      [],
    );
  });
});

describe('Bm25Index forward terms and text sequences', () => {
  it('name, for every term, a written form that analyses to it', () => {
    index.data.terms.forEach((term, id) => expect(toTerm(index.data.surfaces[id]), term).toBe(term));
  });

  it('keep, for every unit, the analysed terms of its text in reading order', () => {
    for (const u of units) {
      const sequence = [...index.unitSequence(index.unitNumber(u.id)!)].map((id) => index.data.terms[id]);
      expect(sequence, u.id).toEqual(analyse(u.text));
    }
  });

  it('are, for every unit, the analysed terms of its text, label and section', () => {
    for (const u of units) {
      const n = index.unitNumber(u.id)!;
      const actual = [...index.unitTerms(n)].map((id) => index.data.terms[id]).sort();
      const expected = [...new Set(analyse(`${u.label} ${u.section} ${u.text}`))].sort();
      expect(actual, u.id).toEqual(expected);
    }
  });
});
