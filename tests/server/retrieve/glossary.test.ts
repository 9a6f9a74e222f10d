import { describe, expect, it } from 'vitest';
import { compileGlossary, expandQuery } from '../../../server/retrieve/glossary.js';

describe('expandQuery (the project glossary)', () => {
  it.each([
    ['How should airlines check documents?', 'carriers'],
    ['What about people smugglers?', 'trafficking in aliens'],
    ['rules on deportation', 'readmission'],
    ['undocumented workers', 'illegal migrants'],
    ['human trafficking victims', 'trafficking in human beings'],
    ['asylum seekers', 'international protection'],
    ['Turkey', 'Türkiye'],
    ['fake passports', 'fraudulent documents'],
    ['Are airlines fined?', 'sanctions'],
    ['police cooperation on smuggling', 'law enforcement'],
    ['help for returnees', 'assistance'],
    ['migrants passing through transit countries', 'countries of transit'],
  ])('%s → includes %s', (query, phrase) => {
    expect(expandQuery(query).phrases).toContain(phrase);
  });

  it('adds nothing for a query outside the glossary', () => {
    expect(expandQuery('capital of Australia').phrases).toEqual([]);
  });

  it('matches on stems and does not repeat what the query says', () => {
    const expand = compileGlossary({ groups: [['airline', 'carrier']] });
    expect(expand('Airlines and carriers').phrases).toEqual([]);
    expect(expand('airlines').phrases).toEqual(['carrier']);
  });
});
