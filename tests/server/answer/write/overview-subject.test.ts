import { describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../../../../core/types.js';
import { definesSubject, overviewOpening, overviewSubject } from '../../../../server/answer/write/overview-subject.js';
import type { QueryPlan } from '../../../../server/plan/types.js';
import type { SearchHit } from '../../../../server/retrieve/types.js';
import { testReading } from '../../../support/reading.js';

const meta = (id: string, shortTitle: string) => ({ id, shortTitle }) as DocumentMeta;
const cfa = meta('call-for-action', 'Call for Action');
const bp30 = meta('budapest-process-30-years', 'Budapest Process at 30');
const hit = (document: DocumentMeta, id: string, text: string) =>
  ({ unit: { id: `${document.id}:${id}`, documentId: document.id, text }, document }) as SearchHit;

const corpusSubject = new Set(['budapest', 'process']);
const overviewOf = (named: string[]) => ({ intent: 'overview', reading: testReading({ named }) }) as QueryPlan;

const young = hit(
  bp30,
  'anniversary-2',
  'Despite its long history, the Budapest Process is a “young” migration dialogue.',
);
const istanbul = hit(
  bp30,
  'istanbul-2019-1',
  'Introduction of the Call for Action, which includes 41 concrete actions.',
);
const action = hit(cfa, 'pg-1.1', 'Strengthen international, regional and bilateral cooperation.');

describe('overviewSubject', () => {
  it.each([
    [['call-for-action'], ['action', 'call']],
    // The corpus's subject and a number name no one document.
    [['budapest-process-30-years'], []],
    [[], []],
  ])('of a question naming %j is %j', (named, terms) => {
    expect([...overviewSubject(overviewOf(named), [young, istanbul, action], corpusSubject)].sort()).toEqual(terms);
  });
});

describe('overviewOpening', () => {
  it('opens with a passage that names the subject, not a definition of something else', () => {
    const subject = overviewSubject(overviewOf(['call-for-action']), [young, istanbul, action], corpusSubject);
    expect(definesSubject(young.unit.text, subject)).toBe(false);
    expect(overviewOpening([young, istanbul, action], subject)).toBe(istanbul);
  });

  it('keeps the first passage when the overview has no subject of its own', () => {
    expect(overviewOpening([istanbul, young], new Set())).toBe(istanbul);
  });
});
