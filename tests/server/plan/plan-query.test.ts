import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../../../core/types.js';
import { createPlanDeps, planInConversation, planQuery } from '../../../server/plan/plan-query.js';
import { unitInventory } from '../../../server/answer/inventory.js';
import { describeMissingReference } from '../../../server/answer/missing-reference.js';
import { parseReferences } from '../../../server/retrieve/reference.js';
import { createNameReader } from '../../../server/retrieve/read-query.js';
import type { Unit } from '../../../core/types.js';

const manifest = JSON.parse(readFileSync(new URL('../../../corpus/manifest.json', import.meta.url), 'utf8')) as {
  documents: DocumentMeta[];
};
const deps = createPlanDeps(manifest.documents, createNameReader(manifest.documents));
const plan = (question: string, history: { role: 'user' | 'assistant'; content: string }[] = []) =>
  planQuery({ question, history }, deps);

describe('planQuery', () => {
  it('reads a request: intent, topic without request words, every document heard', () => {
    const p = plan(
      'Give me a cited summary of what the documents say about protecting victims of trafficking, across all five documents',
    );
    expect(p).toMatchObject({ intent: 'summary', answerKind: 'text', scope: null, acrossDocuments: true });
    expect(p.retrievalText).toBe('protecting victims of trafficking,');
  });

  it('lets documents named in the question win over "what each text asked for", and drops the request words', () => {
    const p = plan('compare visas in 1997 and 2009 - what each text asked for. cite please');
    expect(p).toMatchObject({ intent: 'comparison', scope: ['prague-1997', 'prague-2009'], acrossDocuments: true });
    expect(p.reading.scope).toEqual(['prague-1997', 'prague-2009']);
    expect(p.retrievalText).not.toMatch(/compare|cite|each text/i);
  });

  it('scopes a timeline to the documents dated in its span', () => {
    const p = plan('How did the approach to return and readmission evolve from 1997 to 2019?');
    expect(p.intent).toBe('timeline');
    expect(p.scope).toEqual(['prague-1997', 'vienna-2005', 'call-for-action', 'prague-2009']);
    expect(p.acrossDocuments).toBe(true);
  });

  it('carries the topic into a turn that adds only a document, and reads the intent of the new turn', () => {
    const p = plan('and what about the 2009 declaration?', [
      { role: 'user', content: 'What did Prague 1997 recommend on voluntary return?' },
      { role: 'assistant', content: 'Recommendation 27 of the Prague 1997 Recommendations …' },
    ]);
    expect(p.scope).toEqual(['prague-2009']);
    expect(p.retrievalText).toMatch(/voluntary return/);
    expect(p.followUp.carried).toBe('topic');
  });

  it('traces the topic through every document when a follow-up asks how it changed', () => {
    const p = plan('how did that change later?', [
      { role: 'user', content: 'What did Prague 1997 say about readmission agreements?' },
      { role: 'assistant', content: 'Recommendation 33 of the Prague 1997 Recommendations …' },
    ]);
    expect(p.intent).toBe('timeline');
    expect(p.scope).toBeNull();
    expect(p.retrievalText).toMatch(/readmission agreements/);
  });

  it('answers "which recommendation…?" from the document that has recommendations, unless the question names another', () => {
    expect(plan('Which recommendation talks about training border guards?').scope).toEqual(['prague-1997']);
    expect(plan('Which recommendation of the Vienna 2005 meeting sets minimum sentences?').scope).toEqual([
      'vienna-2005',
    ]);
  });

  it('lists the whole goal when a follow-up asks for the other actions of the unit in question', () => {
    const p = plan('what are its other actions?', [
      { role: 'user', content: 'What does the Call for Action say about integration?' },
      { role: 'assistant', content: 'Priority Goal 6, Action 1 of the Call for Action (2019) calls on …' },
    ]);
    expect(p).toMatchObject({ intent: 'enumeration', scope: ['call-for-action'] });
  });

  it('answers small talk without searching', () => {
    expect(plan('thanks!').intent).toBe('smalltalk');
  });

  it('marks a question naming a unit as a reference', () => {
    expect(plan('What does Recommendation 18 of Prague 1997 say?')).toMatchObject({
      intent: 'reference',
      scope: ['prague-1997'],
    });
  });
});

describe('describeMissingReference', () => {
  const unit = (documentId: string, kind: Unit['kind'], number: string, order: number): Unit => ({
    id: `${documentId}:${kind}-${number}`,
    documentId,
    label: `${kind} ${number}`,
    kind,
    number,
    section: '',
    text: 'text',
    page: null,
    order,
  });
  const units = [
    ...Array.from({ length: 55 }, (_, i) => unit('prague-1997', 'recommendation', String(i + 1), i)),
    ...Array.from({ length: 5 }, (_, i) => unit('call-for-action', 'action', `1.${i + 1}`, i)),
    ...Array.from({ length: 6 }, (_, i) => unit('call-for-action', 'action', `2.${i + 1}`, 5 + i)),
  ];
  const inventory = unitInventory(units, manifest.documents);
  it.each([
    [
      'Recommendation 60 of Prague 1997',
      ['prague-1997'],
      /55 recommendations \(Recommendation 1 to Recommendation 55\); there is no Recommendation 60\./,
    ],
    [
      'Priority Goal 9',
      ['call-for-action'],
      /2 priority goals \(Priority Goal 1 to Priority Goal 2\); there is no Priority Goal 9\./,
    ],
    [
      'PG1 action 7',
      ['call-for-action'],
      /^Priority Goal 1 of the Call for Action has 5 actions \(Priority Goal 1, action 1 to Priority Goal 1, action 5\); there is no Priority Goal 1, action 7\.$/,
    ],
    [
      'the last action of Priority Goal 9',
      ['call-for-action'],
      /2 priority goals \(Priority Goal 1 to Priority Goal 2\); there is no Priority Goal 9\./,
    ],
  ])('%s is said not to exist, with what does', (question, scope, message) => {
    expect(describeMissingReference(parseReferences(question), scope, inventory)).toMatch(message);
  });

  it('says nothing when the unit exists, or when the documents have no units of that kind', () => {
    expect(describeMissingReference(parseReferences('Recommendation 18'), ['prague-1997'], inventory)).toBeNull();
    expect(describeMissingReference(parseReferences('paragraph 40'), ['prague-1997'], inventory)).toBeNull();
  });
});

describe('planInConversation', () => {
  const history = [
    { role: 'user' as const, content: 'What did Prague 1997 say about penalties for smugglers?' },
    { role: 'assistant' as const, content: 'Recommendation 5 asks for imprisonment.' },
  ];
  const within = (question: string, turns = history, documents?: string[]) =>
    planInConversation(
      planQuery({ question, history: turns, documents }, deps),
      { question, history: turns, documents },
      deps,
    );

  it('asks a question that carried nothing within the documents the conversation was about', () => {
    expect(within('what counts as aggravating?')).toMatchObject({
      scope: ['prague-1997'],
      followUp: { carried: 'scope' },
    });
  });

  it.each([
    [
      'a question naming its own document',
      'what does the Call for Action say about aggravating factors?',
      history,
      undefined,
    ],
    [
      'a conversation that named no document',
      'what counts as aggravating?',
      [{ role: 'user' as const, content: 'hello' }],
      undefined,
    ],
    ['no conversation', 'what counts as aggravating?', [], undefined],
    ['documents chosen by the caller', 'what counts as aggravating?', history, ['vienna-2005']],
    ['small talk', 'thanks!', history, undefined],
  ])('is null for %s', (_, question, turns, documents) => {
    expect(within(question, turns, documents)).toBeNull();
  });
});
