import { beforeAll, describe, expect, it } from 'vitest';
import {
  BROAD_CITATION_RULES,
  CITATION_RULES,
  evidenceSignals,
  weighEvidence,
} from '../../../server/answer/evidence.js';
import type { Services } from '../../../server/services.js';
import { testServices } from '../../support/test-server.js';

let services: Services;
beforeAll(async () => {
  services = await testServices();
}, 120_000);

const weigh = async (query: string, broad = false, documents?: string[]) => {
  const result = await services.retriever.search({ query, k: broad ? 24 : 8, documents });
  return weighEvidence(result.topic, result, services.stats, broad ? { rules: BROAD_CITATION_RULES, broad } : {});
};

describe('weighEvidence over the real corpus', () => {
  it.each([
    ['What did Prague 1997 say about carrier sanctions?', true],
    ['What does Recommendation 18 say?', true],
    ['What is the capital of Australia?', false],
    ['How do I bake sourdough bread at home?', false],
    // A name the corpus never uses: no unit can answer, however well the rest of the question matches.
    ['When will the next ministerial conference in Baku take place?', false],
  ])('%s → grounded %s', async (query, grounded) => {
    expect((await weigh(query)).grounded).toBe(grounded);
  });

  // Short questions embed thinly; one whose every idea a unit states in its own words is grounded on that.
  it.each([
    ['is there something on diaspora?', true],
    ['anything about diasporas?', true],
    ['anything on the Rwanda plan?', false],
  ])('a question whose every concept one unit holds: %s → grounded %s', async (query, grounded) => {
    const evidence = await weigh(query);
    expect(evidence.grounded).toBe(grounded);
    if (grounded) expect(evidence.coverage).toBeGreaterThanOrEqual(0.999);
  });

  it('cites an exactly referenced unit alone', async () => {
    const evidence = await weigh('What does Recommendation 18 say?');
    expect(evidence.cited.map((h) => h.unit.id)).toEqual(['prague-1997:rec-18']);
  });

  it('keeps to the citation caps, and a broad request cites more, from more documents', async () => {
    const focused = await weigh('return and readmission');
    const broad = await weigh('return and readmission', true, ['prague-1997', 'prague-2009', 'call-for-action']);
    expect(focused.cited.length).toBeLessThanOrEqual(CITATION_RULES.maxCitations);
    expect(broad.cited.length).toBeGreaterThan(focused.cited.length);
    expect(broad.cited.length).toBeLessThanOrEqual(BROAD_CITATION_RULES.maxCitations + 2);
    expect(new Set(broad.cited.map((h) => h.unit.documentId)).size).toBe(3);
  });
});

describe('the coverage signal and words the corpus never uses', () => {
  const signals = async (query: string) => {
    const result = await services.retriever.search({ query, k: 8 });
    return evidenceSignals(result, services.stats);
  };

  // A plain word no unit uses cannot tell units apart; a name the corpus never uses is what an out-of-scope
  // question turns on, so it keeps its weight.
  it('discounts a plain unmet word but not an unmet name', async () => {
    const base = await signals('Who was asked to keep a list of the readmission agreements?');
    const plain = await signals('Who was asked to keep a running list of the readmission agreements?');
    const named = await signals('Who was asked by Zorbland to keep a list of the readmission agreements?');
    expect(base.coverage - plain.coverage).toBeLessThan(0.1);
    expect(base.coverage - named.coverage).toBeGreaterThan(0.2);
  });
});

describe('each document of a broad question, heard only on the topic', () => {
  const all = ['prague-1997', 'vienna-2005', 'prague-2009', 'call-for-action', 'budapest-process-30-years'];
  it('a document whose best unit shares only plain words with a named topic is not cited', async () => {
    const evidence = await weigh(
      'what was adopted under the Silk Routes Partnership, and which projects followed',
      true,
      all,
    );
    expect(evidence.grounded).toBe(true);
    const documents = new Set(evidence.cited.map((h) => h.unit.documentId));
    expect(documents).toContain('budapest-process-30-years');
    expect(documents).not.toContain('prague-1997');
  });

  it('a topic naming nothing still hears every document that speaks of it', async () => {
    const evidence = await weigh('voluntary return of migrants', true, all);
    const documents = new Set(evidence.cited.map((h) => h.unit.documentId));
    for (const d of ['prague-1997', 'prague-2009', 'call-for-action']) expect(documents).toContain(d);
  });
});
