import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../server/services.js';
import { testServices } from '../../support/test-server.js';

// "How many recommendations…?": counted from the document's own numbering, first and last units cited.
let services: Services;
beforeAll(async () => {
  services = await testServices();
}, 120_000);

const ask = (question: string, history: { role: 'user' | 'assistant'; content: string }[] = []) =>
  services.answerer.answer({ question, history, mode: 'extractive' });

describe('counting the units of a document', () => {
  it.each([
    [
      'how many recommendations did Prague adopt in 1997?',
      /^The Prague 1997 Recommendations number 55 recommendations, from Recommendation 1 \[1\] to Recommendation 55 \[2\]\./,
      ['prague-1997:rec-1', 'prague-1997:rec-55'],
    ],
    // Only the 1997 text has recommendations: the question need not name it.
    ['how many recommendations are there?', /number 55 recommendations/, ['prague-1997:rec-1', 'prague-1997:rec-55']],
    [
      'how many actions are in the Call for Action?',
      /^The Call for Action \(2019\) numbers 37 actions/,
      ['call-for-action:pg-1.1', 'call-for-action:pg-6.8'],
    ],
  ])('%s', async (question, says, cited) => {
    const reply = await ask(question);
    expect(reply.grounded).toBe(true);
    expect(reply.answer).toMatch(says);
    expect(reply.citations.slice(0, 2).map((c) => c.id)).toEqual(cited);
  });

  it('quotes a number another document states in words beside the count', async () => {
    const history = [{ role: 'user' as const, content: 'What was adopted at the Istanbul conference in 2019?' }];
    const reply = await ask('how many actions does it have in total?', history);
    expect(reply.answer).toMatch(/numbers 37 actions/);
    expect(reply.answer).toMatch(/gives a number in words: “[^”]*41 concrete actions[^”]*” \[3\]/);
    expect(reply.citations[2]?.documentId).toBe('budapest-process-30-years');
  });

  it.each([
    'how many paragraphs are there?',
    'how many countries attended the Vienna meeting?',
    // The document's name is not what is counted.
    'within how many days must a state answer a readmission request under the 1997 Recommendations?',
  ])('a count no single document numbers is not counted: %s', async (question) => {
    expect((await ask(question)).answer).not.toMatch(/\bnumbers? \d+ /);
  });
});
