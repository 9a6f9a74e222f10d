import { beforeAll, describe, expect, it } from 'vitest';
import { createPlanDeps, planQuery } from '../../../server/plan/plan-query.js';
import type { Services } from '../../../server/services.js';
import { testServices } from '../../support/test-server.js';

// The retriever over the real corpus, verb by verb through its one public surface.
let services: Services;
beforeAll(async () => {
  services = await testServices();
}, 120_000);

describe('the hybrid retriever', () => {
  it.each([
    ['What did Prague 1997 say about carrier sanctions?', 'prague-1997:rec-18', ['prague-1997']],
    ['can airlines be fined for flying people without proper papers?', 'prague-1997:rec-18', null],
    ['What does Priority Goal 4, action 6 say?', 'call-for-action:pg-4.6', null],
    ['clause (f) point 4 of the 2009 declaration', 'prague-2009:clause-f.4', ['prague-2009']],
    ['sanctons against carriers', 'prague-1997:rec-18', null],
  ])('%s → %s first, scope %j', async (query, first, scope) => {
    const result = await services.retriever.search({ query, k: 5 });
    expect(result.hits[0].unit.id).toBe(first);
    expect(result.scope).toEqual(scope);
  });

  it('puts an exactly referenced unit first, marked as referenced', async () => {
    const result = await services.retriever.search({ query: 'What does Recommendation 18 say?', k: 5 });
    expect(result.reference?.id).toBe('prague-1997:rec-18');
    expect(result.hits[0]).toMatchObject({ referenced: true, score: 1 });
  });

  it('answers a question that names only documents with their opening units', async () => {
    const result = await services.retriever.search({ query: 'the Vienna meeting', k: 3 });
    expect(result.overview).toBe(true);
    expect(result.hits[0].unit.id).toBe('vienna-2005:para-1');
    for (const hit of result.hits) expect(hit.unit.documentId).toBe('vienna-2005');
  });

  it('opens an overview of a document with what the history that recounts it says of it by name', async () => {
    const result = await services.retriever.search({ query: "What's the Call for Action?", k: 6 });
    expect(result.overview).toBe(true);
    expect(result.hits[0].unit.documentId).toBe('budapest-process-30-years');
    expect(result.hits[0].unit.text).toMatch(/Call for Action/);
    expect(result.hits.some((h) => h.unit.documentId === 'call-for-action')).toBe(true);
  });

  it('reports misspelt words it read as the documents own', async () => {
    const result = await services.retriever.search({ query: 'readmision agreements', k: 3 });
    expect(result.corrections).toEqual([{ from: 'readmision', to: 'readmission' }]);
  });

  it('returns the concepts it weighed, each once, for the evidence check', async () => {
    const result = await services.retriever.search({ query: 'penalties for people smugglers', k: 3 });
    expect(result.concepts.length).toBeGreaterThan(0);
    expect(result.concepts.some((c) => c.terms.length > 1)).toBe(true); // "people smugglers" as one idea
  });

  it('re-ranks by coverage when the question holds a single idea: units with "fraudulent documents" before "passports" alone', async () => {
    const result = await services.retriever.search({ query: 'fake passports', documents: ['prague-1997'], k: 3 });
    for (const hit of result.hits.slice(0, 2)) expect(hit.unit.text).toMatch(/fraudulent documents/);
  });

  it('hears every document of a span, with a unit on the topic, though one document dominates the pooled lists', async () => {
    const result = await services.retriever.search({
      query: 'how did the approach to return and readmission evolve from 1997 to 2019?',
      k: 12,
    });
    const fromCallForAction = result.hits.filter((h) => h.unit.documentId === 'call-for-action');
    expect(fromCallForAction.length).toBeGreaterThan(0);
    expect(fromCallForAction[0].unit.text).toMatch(/return/);
    // Scored as the re-ranked hits are, so that the answer can cite it beside the best.
    expect(fromCallForAction[0].score).toBeGreaterThan(0.35 * result.hits[0].score);
  });

  it('hears a document through a unit of its own that holds the whole question, when only weak matches heard it', async () => {
    const deps = createPlanDeps(services.index.documents, services.retriever.read);
    const plan = planQuery({ question: 'compare what 1997 and 2019 say about information campaigns' }, deps);
    const result = await services.retriever.searchReading(plan.reading, 12);
    // The Call for Action's "information campaigns" fill the pooled lists; Prague 1997 says "information programmes".
    expect(result.hits.map((h) => h.unit.id)).toContain('prague-1997:rec-13');
  });

  it('hears the 30-years publication on an event only where it recounts that event (its year or place)', async () => {
    const deps = createPlanDeps(services.index.documents, services.retriever.read);
    const plan = planQuery({ question: 'Which organisations attended the 2005 Vienna meeting?' }, deps);
    const result = await services.retriever.searchReading(plan.reading, 5);
    expect(result.scope).toContain('budapest-process-30-years');
    expect(result.hits[0].unit.documentId).toBe('vienna-2005');
  });

  it('bridges a word the corpus never uses to its own', async () => {
    const result = await services.retriever.search({ query: 'how long a jail term for smugglers?', k: 8 });
    expect(result.hits.map((h) => h.unit.id)).toContain('prague-1997:rec-5');
  });
});
