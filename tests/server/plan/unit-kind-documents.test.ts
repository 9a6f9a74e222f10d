import { describe, expect, it } from 'vitest';
import type { DocumentMeta, StructureKind } from '../../../core/types.js';
import {
  documentsAskedForUnit,
  documentsWithUnitKind,
  scopeForUnitKind,
} from '../../../server/plan/unit-kind-documents.js';

const doc = (id: string, structure: StructureKind) => ({ id, structure }) as DocumentMeta;
const DOCS = [
  doc('prague-1997', 'recommendations'),
  doc('vienna-2005', 'numbered-paragraphs'),
  doc('call-for-action', 'priority-goals'),
  doc('prague-2009', 'lettered-clauses'),
];

describe('documentsWithUnitKind', () => {
  it.each([
    ['which recommendation is about fines?', ['prague-1997']],
    ['under which priority goal is return?', ['call-for-action']],
    ['which clauses deal with integration?', ['prague-2009']],
    ['what did they say about fines?', null],
  ])('%s → %j', (question, documents) => {
    expect(documentsWithUnitKind(question, DOCS)).toEqual(documents);
  });
});

describe('scopeForUnitKind', () => {
  it.each([
    [
      'a carried scope without such units gives way',
      'and which recommendation is on fines?',
      ['prague-2009'],
      ['prague-1997'],
    ],
    [
      'a carried scope with them stays',
      'which recommendation is on fines?',
      ['prague-1997', 'prague-2009'],
      ['prague-1997', 'prague-2009'],
    ],
    ['no kind named: the carried scope stays', 'and on fines?', ['prague-2009'], ['prague-2009']],
    ['nothing carried: nothing to correct', 'which recommendation is on fines?', null, null],
  ])('%s', (_, question, carried, scope) => {
    expect(scopeForUnitKind(question, carried, DOCS)).toEqual(scope);
  });
});

describe('documentsAskedForUnit', () => {
  it.each([
    ['Which recommendation talks about training border guards?', ['prague-1997']],
    ['what clause covers integration?', ['prague-2009']],
    ['Which specific priority goal deals with remittances?', ['call-for-action']],
    // Naming the kind without asking which one leaves the documents open.
    ['Summarise the recommendations of the Budapest conference in 1993', null],
    ['Was the 1997 text a set of recommendations?', null],
    ['which countries attended?', null],
  ])('%s → %j', (question, documents) => {
    expect(documentsAskedForUnit(question, DOCS)).toEqual(documents);
  });
});
