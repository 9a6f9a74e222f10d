import { describe, expect, it } from 'vitest';
import { analyse } from '../../../core/text/terms.js';

// Words that frame a question name no topic: they must not count as ideas a unit has to hold.
describe('analyse drops question framing', () => {
  it.each([
    ['Is there anything about unaccompanied children?', ['unaccompani', 'child']],
    ['is biometrics mentioned anywhere?', ['biometr']],
    ['what happened at the Rhodes conference?', ['rhode', 'confer']],
    ['did someone propose a visa list?', ['visa', 'list']],
    ['what do both say about carriers?', ['carrier']],
    ['how many members now?', ['member']],
    ['wat did they say abut visas?', ['visa']],
    ['did the ministers suggest or promise anything on visas?', ['minist', 'visa']],
    ['is their visa supposed to expire?', ['visa', 'expir']],
  ])('%s → %j', (question, terms) => {
    expect(analyse(question)).toEqual(terms);
  });
});

// Porter's stemmer reads "development" as "develop": migration and development is not developing procedures.
describe('analyse keeps senses apart that the stemmer conflates', () => {
  it.each([
    ['migration and development', ['migrat', 'development']],
    ['recent developments', ['recent', 'development']],
    ['develop targeted procedures', ['develop', 'target', 'procedur']],
    ['the policies developed', ['polici', 'develop']],
    ['an integral part, integrity and integration', ['integral', 'part', 'integrity', 'integr']],
    ['integrated border management to integrate migrants', ['integrated', 'border', 'manag', 'integr', 'migrant']],
  ])('%s → %j', (text, terms) => {
    expect(analyse(text)).toEqual(terms);
  });
});

// A Roman "I" after a name is the ordinal, like II and III; otherwise it is the pronoun, a stop word.
describe('analyse reads a Roman "I" after a name as the ordinal', () => {
  it.each([
    [
      'Fostering Migration Cooperation - Silk Routes I Project',
      ['foster', 'migrat', 'cooper', 'silk', 'rout', 'first', 'project'],
    ],
    ['who funded Silk Routes I?', ['fund', 'silk', 'rout', 'first']],
    ['tell me about the Silk Routes I project', ['silk', 'rout', 'first', 'project']],
    ['In Prague I learned', ['pragu', 'learn']],
    ['the first Silk Routes project', ['first', 'silk', 'rout', 'project']],
    ['Can I ask about Silk Routes?', ['silk', 'rout']],
    ['Hello I need help', ['hello', 'need', 'help']],
    // Where the asker is: the texts never say.
    ['people not allowed to work here', ['peopl', 'allow', 'work']],
    // Prepositions of time frame the question, like "from" and "into".
    ['reports due after the conference, before June', ['report', 'due', 'confer', 'june']],
  ])('%s → %j', (text, terms) => {
    expect(analyse(text)).toEqual(terms);
  });
});

// Irregular forms meet their base word (WordNet's exception lists); regular ones are left to the stemmer, and a
// word that names an object property is a word like any other.
describe('analyse reads irregular inflections as their base word', () => {
  it.each([
    ['Türkiye took over the chairmanship', ['turkiy', 'take', 'chairmanship']],
    ['when did Türkiye take over', ['turkiy', 'take']],
    ['meetings were held', ['meet', 'hold']],
    ['the group met', ['group', 'meet']],
    ['women and children', ['woman', 'child']],
    ['programmes and a programme', ['programm', 'programm']],
    ['trafficked and trafficking', ['traffick', 'traffick']],
    ['constructor toString', ['constructor', 'tostr']],
  ])('%s → %j', (text, terms) => {
    expect(analyse(text)).toEqual(terms);
  });
});

// OCR misreadings in the corpus fold to the word meant, so a question spelt right still meets them.
describe('analyse folds the OCR misreadings of the corpus', () => {
  it.each([
    ['Silk Routes Il Project', ['silk', 'rout', 'ii', 'project']],
    ['Silk Routes II project', ['silk', 'rout', 'ii', 'project']],
    ['Tiirkiye and Irag', ['turkiy', 'iraq']],
  ])('%s → %j', (text, terms) => {
    expect(analyse(text)).toEqual(terms);
  });
});
