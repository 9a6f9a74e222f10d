import { describe, expect, it } from 'vitest';
import { namedTerms, unknownNames } from '../../../server/answer/unknown-names.js';
import { TermStatistics } from '../../../server/retrieve/term-stats.js';
import { smallIndex, testUnit } from '../../support/small-index.js';

const stats = new TermStatistics(
  smallIndex([
    testUnit('a', 'The ministerial conference in Istanbul adopted the Call for Action.', '', 0),
    testUnit('b', 'Cooperation with Frontex and Europol was encouraged in a recommendation.', '', 1),
  ]),
);

describe('unknownNames', () => {
  it.each([
    ['When will the next ministerial conference in Baku take place?', ['Baku']],
    ['Did Frontex or Ruritania attend in Istanbul?', ['Ruritania']],
    ['Did Ankara or Tbilisi host it?', ['Ankara', 'Tbilisi']],
    // Names the corpus uses, the first word of the question, and numbers, ordinals, labels and acronyms.
    ['What did Frontex do in Istanbul?', []],
    ['Baku is where?', []],
    ['Which groups met in Istanbul? Summarise them. Quickly!', []],
    ['Which groups met in Istanbul? Was Tbilisi there?', ['Tbilisi']],
    ['What is in the 44th recommendation, PG3 or Recommendation XIV of the CfA?', []],
    ['what about fake passports?', []],
    // A name the glossary knows is a word of the documents in other letters.
    ['Did they meet online during Covid?', []],
  ])('%s → %j', (topic, names) => {
    expect(unknownNames(topic, stats)).toEqual(names);
  });
});

describe('namedTerms', () => {
  it.each([
    ['Brief me on the Silk Routes projects', ['silk', 'rout']],
    ['Which working groups has it had? Put it in order.', []],
    ['what did the 2009 Declaration say', ['2009', 'declar']],
  ])('%s → %j', (topic, terms) => {
    expect([...namedTerms(topic)]).toEqual(terms);
  });
});
