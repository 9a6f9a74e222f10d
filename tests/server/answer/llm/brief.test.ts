/**
 * @module tests/server/answer/llm/brief
 * What the model is told besides the question: the documents asked about that have no passage are named
 * after the passages, in date order, only when the question asked about two or more.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../../../../core/types.js';
import { answerVariables, silentDocuments, type AnswerPlan } from '../../../../server/answer/llm/brief.js';
import { numberPassages } from '../../../../server/answer/llm/passages.js';
import { loadPrompts } from '../../../../server/answer/llm/prompts.js';
import { PRAGUE_1997, REC_18 } from '../../../support/llm-fixtures.js';

const dated = (id: string, shortTitle: string, date: string | null, year?: number): DocumentMeta => ({
  ...PRAGUE_1997,
  id,
  shortTitle,
  date,
  ...(year === undefined ? {} : { year }),
});
// In manifest order, not date order.
const DOCUMENTS = [
  PRAGUE_1997,
  dated('vienna-2005', 'Vienna 2005 Bali–Budapest Joint Meeting', '2005-10-24'),
  dated('budapest-process-30-years', 'Budapest Process at 30', null, 2023),
  dated('call-for-action', 'Call for Action', null, 2019),
  dated('prague-2009', 'Prague 2009 Joint Declaration', '2009-04-27'),
];
const passages = numberPassages([
  { unit: REC_18, document: PRAGUE_1997, score: 0.9, lexical: 0.9, vector: 0.8, referenced: false },
]);
const plan = (over: Partial<AnswerPlan>): AnswerPlan => ({
  intent: 'summary',
  answerKind: 'text',
  acrossDocuments: false,
  scope: null,
  ...over,
});
const names = (documents: DocumentMeta[]) => documents.map((d) => d.id);

describe('silentDocuments', () => {
  it.each([
    [
      'all documents asked about',
      plan({ acrossDocuments: true }),
      ['vienna-2005', 'prague-2009', 'call-for-action', 'budapest-process-30-years'],
    ],
    ['two documents in scope', plan({ scope: ['prague-2009', 'prague-1997'] }), ['prague-2009']],
    ['one document in scope', plan({ scope: ['prague-2009'] }), []],
    ['no document asked about', plan({}), []],
    ['every asked document heard', plan({ scope: ['prague-1997'], acrossDocuments: true }), []],
  ])('%s', (_case, asked, silent) => {
    expect(names(silentDocuments(asked, passages, DOCUMENTS))).toEqual(silent);
  });
});

describe('answerVariables', () => {
  const { intents } = loadPrompts();

  it('closes the passages with the silent documents, by short title and year', () => {
    const variables = answerVariables(
      {
        question: 'Q?',
        plan: plan({ scope: ['prague-1997', 'call-for-action', 'vienna-2005'] }),
        passages,
        documents: DOCUMENTS,
      },
      intents,
    );
    expect(variables.passages.split('\n\n').at(-1)).toBe(
      'Documents asked about with no passage on this: Vienna 2005 Bali–Budapest Joint Meeting (2005); Call for Action (2019).',
    );
    expect(variables.instructions).toBe(intents.summary);
  });

  it('adds no closing line when the documents are not known or none is silent', () => {
    const across = plan({ acrossDocuments: true });
    expect(answerVariables({ question: 'Q?', plan: across, passages }, intents).passages).not.toContain('no passage');
    const one = answerVariables({ question: 'Q?', plan: plan({}), passages, documents: DOCUMENTS }, intents);
    expect(one.passages).not.toContain('no passage');
  });
});
