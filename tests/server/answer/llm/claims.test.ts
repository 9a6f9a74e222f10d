/**
 * @module tests/server/answer/llm/claims
 * A made-up quote or claim must never look verified (issue #12): quotes attached to a marker must be in the
 * cited unit, a sentence naming a unit must cite it, and weak sentences are flagged; faithful answers are
 * left alone. Driven through finaliseLlmAnswer, as the answerer uses it.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentMeta, Unit, UnitKind } from '../../../../core/types.js';
import type { NumberedPassage } from '../../../../server/answer/llm/passages.js';
import { finaliseLlmAnswer } from '../../../../server/answer/llm/postprocess.js';
import type { AnswerFlag } from '../../../../server/answer/types.js';
import { PRAGUE_1997, REC_18 } from '../../../support/llm-fixtures.js';

const VIENNA: DocumentMeta = { ...PRAGUE_1997, id: 'vienna-2005', shortTitle: 'Vienna 2005 Joint Meeting' };
const CALL: DocumentMeta = { ...PRAGUE_1997, id: 'call-for-action', shortTitle: 'Call for Action' };

function unit(
  doc: DocumentMeta,
  part: string,
  kind: UnitKind,
  num: string | number,
  label: string,
  text: string,
): Unit {
  return {
    id: `${doc.id}:${part}`,
    documentId: doc.id,
    label,
    kind,
    number: num,
    section: '',
    text,
    page: null,
    order: 1,
  };
}

const REC_10 = unit(
  PRAGUE_1997,
  'rec-10',
  'recommendation',
  10,
  'Recommendation 10',
  'Recommend that sanctions be introduced, which would punish the production, provision and use of fraudulent documents by effective, proportionate and deterrent penalties;',
);
const PARA_4 = unit(
  VIENNA,
  'para-4',
  'paragraph',
  4,
  'Paragraph 4',
  'The United Kingdom highlighted that trafficking in human beings was a priority for its Presidency.',
);
const PG_4_3 = unit(
  CALL,
  'pg-4.3',
  'action',
  '4.3',
  'Priority Goal 4, action 3',
  'Strengthen the capacity of border agencies to identify victims of trafficking.',
);

const hit = (u: Unit) => ({
  unit: u,
  document: [PRAGUE_1997, VIENNA, CALL].find((d) => d.id === u.documentId) ?? PRAGUE_1997,
  score: 1,
  lexical: 1,
  vector: 1,
  referenced: false,
});
const passages: NumberedPassage[] = [REC_18, REC_10, PARA_4, PG_4_3].map((u, i) => ({ n: i + 1, hit: hit(u) }));

const codes = (flags: AnswerFlag[]) => flags.map((f) => `${f.code} ${JSON.stringify(f.citations)}`);

describe('the issue #12 examples', () => {
  const raw =
    '“All migrants shall be detained indefinitely without review” [1]. Recommendation 55 says carriers are exempt [2].';
  const final = finaliseLlmAnswer(raw, passages);

  it('flags the made-up quote and the sentence naming a unit it does not cite', () => {
    const byCode = new Map(final.flags.map((f) => [f.code, f]));
    expect(byCode.get('QUOTE_NOT_IN_SOURCE')).toEqual({
      code: 'QUOTE_NOT_IN_SOURCE',
      text: '“All migrants shall be detained indefinitely without review”',
      reason: expect.stringContaining('not in Recommendation 18 of the Prague 1997 Recommendations'),
      citations: [1],
    });
    expect(byCode.get('UNIT_NOT_CITED')).toEqual({
      code: 'UNIT_NOT_CITED',
      text: 'Recommendation 55 says carriers are exempt [2].',
      reason: 'The sentence names Recommendation 55 but cites Recommendation 10 of the Prague 1997 Recommendations.',
      citations: [2],
    });
  });

  it('marks both citations invalid, with the reason, and lists both sentences as unsupported', () => {
    expect(final.citations.map((c) => [c.id, c.valid, c.problem])).toEqual([
      ['prague-1997:rec-18', false, 'A quotation attributed to it is not in its text.'],
      ['prague-1997:rec-10', false, 'It is cited for a sentence about Recommendation 55, which it is not.'],
    ]);
    expect(final.unsupported).toEqual([
      '“All migrants shall be detained indefinitely without review” [1].',
      'Recommendation 55 says carriers are exempt [2].',
    ]);
  });
});

describe('quotes', () => {
  it.each([
    ['a verbatim curly quote', 'It says “sanctions be introduced against carriers” [1].'],
    ['a verbatim straight quote', 'It says "holding the carriers liable for the return costs" [1].'],
    ['a quote ending in a full stop the unit does not have', 'In its words: “liable for the return costs.” [1]'],
    ['a quote with an ellipsis for left-out words', 'It asks that “sanctions be introduced … by fining” carriers [1].'],
    ['a quote whose line breaks and spaces differ', 'It says “sanctions   be\nintroduced” [1].'],
    ['a quote attributed to two units, found in the second', 'They speak of “deterrent penalties” [1][2].'],
    [
      'a quote in a sentence with its marker further on',
      'The words “fraudulent documents” appear there, as cited [2].',
    ],
    ['a quote with no marker at all (not attached)', 'People say “carriers are exempt” sometimes.'],
    ['a quote of no words', 'It says “…” [1].'],
    ['the unit label in quotation marks', 'See “Recommendation 18” [1].'],
    ['the document title in quotation marks', 'The “Prague 1997 Recommendations” ask for sanctions [1].'],
  ])('%s is not flagged', (_what, raw) => {
    const final = finaliseLlmAnswer(raw, passages);
    expect(final.flags.filter((f) => f.code === 'QUOTE_NOT_IN_SOURCE')).toEqual([]);
    expect(final.citations.every((c) => c.valid)).toBe(true);
  });

  it.each([
    ['words changed inside the quote', 'It says “sanctions be imposed against carriers” [1].', [1]],
    ['words of another unit', 'It says “deterrent penalties” [1].', [1]],
    ['parts out of order around an ellipsis', 'It says “by fining … sanctions be introduced” [1].', [1]],
    ['a straight-quoted invention', 'Per the text, "carriers are exempt" [1][2].', [1, 2]],
  ])('%s is flagged', (_what, raw, citations) => {
    const final = finaliseLlmAnswer(raw, passages);
    expect(codes(final.flags)).toContain(`QUOTE_NOT_IN_SOURCE ${JSON.stringify(citations)}`);
    for (const n of citations) expect(final.citations[n - 1].valid).toBe(false);
  });
});

describe('units named in a sentence', () => {
  it.each([
    ['the cited recommendation', 'Recommendation 18 calls for sanctions against carriers [1].'],
    ['two recommendations, both cited', 'Recommendations 18 and 10 both ask for sanctions [1][2].'],
    ['a paragraph of the cited unit', 'Paragraph 4 notes that trafficking was a priority [3].'],
    ['an action by its goal', 'Action 3 of Priority Goal 4 strengthens border agencies [4].'],
    ['the goal of a cited action', 'Priority Goal 4 asks to identify victims of trafficking [4].'],
    ['a unit named only inside a quotation', 'It says “sanctions be introduced against carriers” [1].'],
  ])('%s passes', (_what, raw) => {
    const final = finaliseLlmAnswer(raw, passages);
    expect(final.flags.filter((f) => f.code === 'UNIT_NOT_CITED')).toEqual([]);
  });

  it.each([
    ['a recommendation cited as another', 'Recommendation 19 calls for sanctions against carriers [1].', [1]],
    ['a paragraph number of another document', 'Paragraph 18 asks for sanctions against carriers [1].', [1]],
    ['an action of another goal (renumbered [1])', 'Action 3 of Priority Goal 2 strengthens border agencies [4].', [1]],
    ['a named unit with no marker', 'Recommendation 18 calls for sanctions against carriers.', []],
  ])('%s is flagged', (_what, raw, citations) => {
    const final = finaliseLlmAnswer(raw, passages);
    expect(codes(final.flags)).toContain(`UNIT_NOT_CITED ${JSON.stringify(citations)}`);
  });

  it('leaves valid the citation that does match one of the units named', () => {
    const final = finaliseLlmAnswer('Recommendations 18 and 55 both concern carriers [1][2].', passages);
    expect(final.citations.map((c) => c.valid)).toEqual([true, false]);
  });
});

describe('weak support', () => {
  it('flags a cited sentence whose words are not in its unit, without invalidating the citation', () => {
    const final = finaliseLlmAnswer('Carriers face sanctions [1]. Tourism visas were abolished in 1998 [1].', passages);
    expect(final.flags).toEqual([
      {
        code: 'WEAK_SUPPORT',
        text: 'Tourism visas were abolished in 1998 [1].',
        reason: expect.stringContaining('Recommendation 18'),
        citations: [1],
      },
    ]);
    expect(final.unsupported).toEqual(['Tourism visas were abolished in 1998 [1].']);
    expect(final.citations[0].valid).toBe(true);
  });

  it('raises no flag on a faithful answer', () => {
    const final = finaliseLlmAnswer(
      'Recommendation 18 asks that “sanctions be introduced against carriers” failing to identify improperly documented passengers [1].',
      passages,
    );
    expect(final.flags).toEqual([]);
    expect(final.unsupported).toEqual([]);
    expect(REC_18.label).toBe('Recommendation 18');
  });
});
