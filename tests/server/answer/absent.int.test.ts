import { beforeAll, describe, expect, it } from 'vitest';
import { describeLaterYear, describeUnmentionedYear } from '../../../server/answer/unmentioned-year.js';
import type { Services } from '../../../server/services.js';
import { testServices } from '../../support/test-server.js';

// What the documents cannot hold is said plainly, offline, instead of answered from something near it.
let services: Services;
beforeAll(async () => {
  services = await testServices();
}, 120_000);

const ask = (question: string) => services.answerer.answer({ question, mode: 'extractive' });

describe('questions the documents cannot answer', () => {
  it.each([
    ['What was decided at the ministerial conference in 2025?', /No document mentions 2025/],
    ['What did the Process agree in 1985 on visas?', /No document mentions 1985/],
    ['What does Recommendation 60 of Prague 1997 say?', /55 recommendations/],
    // 2024 is mentioned, but only as ahead: the newest document is from 2023.
    ['Who attended the ministerial conference in 2024?', /is from 2023: it mentions 2024 only as ahead/],
    ['What did the ministers adopt in 2024?', /mentions 2024 only as ahead/],
    // A place no document names.
    ['When will the next ministerial conference in Baku take place?', /never mention Baku/],
  ])('%s → declined, saying why', async (question, why) => {
    const reply = await ask(question);
    expect(reply.grounded).toBe(false);
    expect(reply.citations).toEqual([]);
    expect(reply.answer).toMatch(why);
  });

  it.each([
    'What is planned for the end of 2024?',
    'What does the 2009 declaration say about the 1951 Refugee Convention?',
    'What did the 2019 Call for Action say about trafficking?',
  ])('a year the documents mention is answered as usual: %s', async (question) => {
    const reply = await ask(question);
    expect(reply.grounded).toBe(true);
    expect(reply.answer).not.toMatch(/No document mentions/);
  });
});

describe('a decline about named documents names them', () => {
  it('after carriers in Prague 1997, "what about the 2009 one?" says the 2009 declaration is silent', async () => {
    const first = 'What did Prague 1997 say about airlines carrying people without papers?';
    const history = [
      { role: 'user' as const, content: first },
      { role: 'assistant' as const, content: (await ask(first)).answer },
    ];
    const reply = await services.answerer.answer({ question: 'what about the 2009 one?', history, mode: 'extractive' });
    expect(reply.grounded).toBe(false);
    expect(reply.answer).toMatch(/^The Prague 2009 Joint Declaration does not appear to address this question\./);
  });

  it.each([
    [
      'What does the Call for Action say about carrier sanctions?',
      /The Prague 1997 Recommendations address it: Recommendation 18\b/,
      'prague-1997:rec-18',
    ],
    // About the named meeting as an event: another text's attendance is no answer to it.
    ['Which organisations attended the 2005 Vienna meeting?', /^(?![\s\S]*addresses? it:)/, null],
    [
      'What does the Call for Action say about sourdough bread?',
      /^The Call for Action \(2019\) does not appear to address this question\. The closest passages/,
      null,
    ],
  ])('%s → says where else it is addressed, if anywhere', async (question, says, first) => {
    const reply = await ask(question);
    expect(reply.grounded).toBe(false);
    expect(reply.citations).toEqual([]);
    expect(reply.answer).toMatch(says);
    if (first) expect(reply.closestMatches?.[0]?.id).toBe(first);
  });

  it('a document that speaks of the topic throughout is not pointed away from', async () => {
    // "conclude about" frames the question; Vienna speaks of trafficking in most paragraphs.
    const reply = await ask('What did the Vienna meeting conclude about trafficking?');
    expect(reply.grounded).toBe(true);
    expect(reply.citations[0]?.documentId).toBe('vienna-2005');
    expect(reply.answer).not.toMatch(/addresses? it:/);
  });

  it('a question over every document keeps the standard message', async () => {
    const reply = await ask('How do I bake sourdough bread at home?');
    expect(reply.answer).toMatch(/^The documents do not appear to address this question\./);
  });
});

describe('describeUnmentionedYear', () => {
  it('names the year and the newest document, or nothing when every year is mentioned', () => {
    const documents = services.index.documents;
    expect(describeUnmentionedYear(['2024'], documents)).toBe(
      'No document mentions 2024, so they do not say what happened then. The newest of them is the ' +
        `${documents.find((d) => d.id === 'budapest-process-30-years')!.shortTitle} (2023).`,
    );
    expect(describeUnmentionedYear([], documents)).toBeNull();
  });
});

describe('describeLaterYear', () => {
  const documents = () => services.index.documents;
  it.each([
    ['What was decided at the conference in 2024?', ['2024'], true],
    ['Who chaired it in 2024?', ['2024'], true],
    ['What is expected of the conference in 2024?', ['2024'], false],
    ['What was to be decided in 2024?', ['2024'], false],
    ['What was decided in 2019?', [], false],
  ] as const)('%s (later years %j) → told: %s', (question, years, told) => {
    expect(describeLaterYear(question, years, documents()) !== null).toBe(told);
  });
});
