import { beforeAll, describe, expect, it } from 'vitest';
import { createPlanDeps, planQuery, type PlanDeps } from '../../../server/plan/plan-query.js';
import type { ReadRequest } from '../../../server/retrieve/types.js';
import type { Services } from '../../../server/services.js';
import { testServices } from '../../support/test-server.js';

// The query read once, over the real index: what the plan holds and every later stage takes.
let services: Services;
beforeAll(async () => {
  services = await testServices();
}, 120_000);

describe('reading a query', () => {
  it.each<[string, ReadRequest, string[] | null]>([
    [
      'the caller’s documents win over those named',
      { query: 'Prague 1997 on carriers', documents: ['vienna-2005'] },
      ['vienna-2005'],
    ],
    [
      'named documents win over the fallback',
      { query: 'Prague 1997 on carriers', otherwise: ['vienna-2005'] },
      ['prague-1997'],
    ],
    [
      'the fallback when none is named',
      { query: 'sanctions on carriers', otherwise: ['vienna-2005'] },
      ['vienna-2005'],
    ],
    ['all documents when nothing restricts', { query: 'sanctions on carriers' }, null],
  ])('%s', (_, request, scope) => {
    expect(services.retriever.read(request).scope).toEqual(scope);
  });

  it.each([
    ['What was decided in 2024?', ['2024'], []],
    ['the conferences of 2019 and 2025', ['2025'], ['2025']],
    ['the action plan 2019-2024', [], []],
    ['visas in 1997', [], []],
  ])('%s: years after the newest document %j, of them unmentioned %j', (query, later, unmentioned) => {
    const reading = services.retriever.read({ query });
    expect(reading.laterYears).toEqual(later);
    expect(reading.unmentionedYears).toEqual(unmentioned);
  });

  it('adds companions of named documents to the scope, and ranks them below the named', async () => {
    const companions = new Map([['call-for-action', ['budapest-process-30-years']]]);
    const reading = services.retriever.read({ query: 'the Call for Action priority goals adopted', companions });
    expect(reading.scope).toEqual(['call-for-action', 'budapest-process-30-years']);
    expect(reading.companions).toEqual(['budapest-process-30-years']);
    const result = await services.retriever.searchReading(reading, 8);
    expect(result.hits[0].unit.documentId).toBe('call-for-action');
    expect(result.hits.some((h) => h.unit.documentId === 'budapest-process-30-years')).toBe(true);
    expect(services.retriever.read({ query: 'priority goals adopted', companions }).companions).toEqual([]);
  });

  it('reads misspelt words as the documents’ own, and names the units referenced that exist', () => {
    const reading = services.retriever.read({ query: 'Recommendation 18 of Prague 1997 on sanctons' });
    expect(reading.corrections).toEqual([{ from: 'sanctons', to: 'sanctions' }]);
    expect(reading.named).toEqual(['prague-1997']);
    expect(reading.topic).not.toMatch(/prague|1997/i);
    expect(reading.referenced.map((u) => u.id)).toEqual(['prague-1997:rec-18']);
    expect(reading.concepts.map((c) => c.terms.join(' '))).toContain('sanction');
  });

  it.each([
    ['Ministrial conference', 'Ministrial', 'ministerial'],
    ['budapst proces', 'proces', 'process'],
  ])('reads "%s": a slip whose stem the documents share is still a slip (%s → %s)', (query, from, to) => {
    expect(services.retriever.read({ query }).corrections).toContainEqual({ from, to });
  });

  it.each(['conferance', 'readmissions', 'traffickers'])(
    'leaves "%s" alone: it already means what the documents say',
    (query) => {
      expect(services.retriever.read({ query }).corrections).toEqual([]);
    },
  );

  it('keeps a reference to a unit that does not exist, with nothing looked up', () => {
    const reading = services.retriever.read({ query: 'Recommendation 60 of Prague 1997' });
    expect(reading.references).toHaveLength(1);
    expect(reading.referenced).toEqual([]);
  });

  it('expands a glossary phrase and bridges a word the corpus never uses', () => {
    const reading = services.retriever.read({ query: 'fake passports for airlines' });
    expect(reading.expansion.length).toBeGreaterThan(0);
    expect([...reading.bridges.keys()].length + reading.expansion.length).toBeGreaterThan(1);
  });

  it('searches a reading exactly as it searches the request it was read from', async () => {
    const request = { query: 'what did prague 97 say about bosses who employ illegal migrants?', k: 6 };
    const direct = await services.retriever.search(request);
    const read = await services.retriever.searchReading(services.retriever.read(request), request.k);
    expect(read.hits.map((h) => h.unit.id)).toEqual(direct.hits.map((h) => h.unit.id));
  });
});

describe('the plan holds the reading', () => {
  let deps: PlanDeps;
  beforeAll(() => {
    deps = createPlanDeps(services.index.documents, services.retriever.read);
  });

  it('carries the spelling corrections and the scope to the search', () => {
    const plan = planQuery({ question: 'What did Prague 1997 say about sanctons on carriers?' }, deps);
    expect(plan.reading.corrections).toEqual([{ from: 'sanctons', to: 'sanctions' }]);
    expect(plan.reading.scope).toEqual(['prague-1997']);
  });

  it('hears the history of a named document when the question asks about it as an event', () => {
    const plan = planQuery(
      { question: 'When did participants endorse the Strategic Document for the Call for Action?' },
      deps,
    );
    expect(plan.scope).toEqual(['call-for-action']);
    expect(plan.reading.companions).toEqual(['budapest-process-30-years']);
    const content = planQuery({ question: 'What does the Call for Action say about trafficking?' }, deps);
    expect(content.reading.scope).toEqual(['call-for-action']);
  });

  it('resolves a unit reference in the named document only, not in the companion heard with it', () => {
    const plan = planQuery({ question: 'para. 2 of the Vienna meeting - what were the three panels?' }, deps);
    expect(plan.reading.companions).toEqual(['budapest-process-30-years']);
    expect(plan.reading.referenced.map((u) => u.id)).toEqual(['vienna-2005:para-2']);
  });

  it('hears the history of a named document for a counted list, which the history may name', () => {
    const counted = planQuery({ question: 'what are the six priority goals in the call for action?' }, deps);
    expect(counted.reading.companions).toEqual(['budapest-process-30-years']);
    const uncounted = planQuery({ question: 'list the actions of the Call for Action on return' }, deps);
    expect(uncounted.reading.companions).toEqual([]);
  });

  it('hears the history of a named document for a timeline, which tells what led up to it', () => {
    const timeline = planQuery(
      { question: 'Make me a timeline of the ministerial conferences from Berlin to Istanbul 2019' },
      deps,
    );
    expect(timeline.reading.companions).toEqual(['budapest-process-30-years']);
    const content = planQuery({ question: 'What does the Call for Action say about trafficking?' }, deps);
    expect(content.reading.companions).toEqual([]);
  });

  it('hears the history of a document a follow-up carries, when it asks about the document as an event', () => {
    const history = [{ role: 'user' as const, content: 'What does the Call for Action say about return?' }];
    const plan = planQuery({ question: 'how many actions does it have in total?', history }, deps);
    expect(plan.reading.scope).toEqual(['call-for-action', 'budapest-process-30-years']);
    expect(plan.reading.companions).toEqual(['budapest-process-30-years']);
  });

  it('searches every document for a summary across them, and a carried scope for a follow-up', () => {
    const across = planQuery({ question: 'Summarise what the documents say about return, with citations' }, deps);
    expect(across.reading.scope).toEqual(deps.allDocuments);
    const followUp = planQuery(
      {
        question: 'and fraudulent documents?',
        history: [{ role: 'user', content: 'What did the Vienna 2005 meeting say about return?' }],
      },
      deps,
    );
    expect(followUp.reading.scope).toEqual(['vienna-2005']);
  });
});
