import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../server/services.js';
import { testServices } from '../../support/test-server.js';

// The Call for Action numbers its priority goals without titles, and the 30-years publication its phases; a
// list question asking for them is answered by the document's own grouping, not by the first group's items.
let services: Services;
beforeAll(async () => {
  services = await testServices();
}, 120_000);

const ask = (question: string) => services.answerer.answer({ question, mode: 'extractive' });

describe('a list of a document’s numbered parts', () => {
  it.each(['what are the priority goals of the Call for Action?', 'list the priority goals'])('%s', async (q) => {
    const reply = await ask(q);
    expect(reply.grounded).toBe(true);
    const ids = reply.citations.map((c) => c.id);
    expect(ids.slice(0, 6)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `call-for-action:pg-${n}.1`));
    expect(reply.answer).toMatch(/^The Call for Action \(2019\) has 6 priority goals: Priority Goal 1 \[1\], /);
    expect(reply.answer).toMatch(/numbered rather than titled, with 37 actions between them/);
    expect(reply.answer).toMatch(/^6\. Priority Goal 6 \(8 actions\): “Share good practices/m);
  });

  it('parts with headings of their own are told by those headings', async () => {
    const reply = await ask('list the phases of the Budapest Process');
    expect(reply.answer).toMatch(/^The Budapest Process at 30 \(2023\) has 4 phases: Phase 1 \[1\]/);
    expect(reply.answer).toMatch(/^2\. Phase 2: Eastward geographic expansion; /m);
    expect(reply.citations.map((c) => c.documentId)).toEqual(Array(4).fill('budapest-process-30-years'));
  });

  it('the items of one numbered part are still that part’s units', async () => {
    const reply = await ask('list the actions of priority goal 6');
    expect(reply.citations.map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `call-for-action:pg-6.${n}`));
  });
});
