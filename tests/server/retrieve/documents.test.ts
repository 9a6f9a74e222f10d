import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../../../core/types.js';
import { compileDocumentNames, resolveDocuments } from '../../../server/retrieve/documents.js';
import { ROOT } from '../../support/paths.js';

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'corpus', 'manifest.json'), 'utf8')) as {
  documents: DocumentMeta[];
};
const names = compileDocumentNames(manifest.documents);

describe('resolveDocuments', () => {
  it.each([
    ['What did Prague 1997 say about carrier sanctions?', ['prague-1997']],
    ['What do the Prague Recommendations say on visas?', ['prague-1997']],
    ['What does the 2009 declaration say about circular migration?', ['prague-2009']],
    ['What does Building Migration Partnerships say about diasporas?', ['prague-2009']],
    ['Who attended the Vienna meeting?', ['vienna-2005']],
    ['What does the Call for Action say about trafficking?', ['call-for-action']],
    ['What does the 30th anniversary publication say about the Silk Routes?', ['budapest-process-30-years']],
    // A reader's word for the same kind of document, or "30-year" for "30 years".
    ['What does the 30-year booklet say about the Bali Process?', ['budapest-process-30-years']],
    ['what does the anniversary brochure say about Rhodes?', ['budapest-process-30-years']],
    ['What did the Prague conferences say about return?', ['prague-1997', 'prague-2009']],
    ['How did the position on readmission change from 1997 to 2009?', ['prague-1997', 'vienna-2005', 'prague-2009']],
    [
      'Summarise how return evolved from 1997 to 2019',
      ['prague-1997', 'vienna-2005', 'call-for-action', 'prague-2009'],
    ],
    // "Since 1997" with no end: every document from then on.
    [
      'How has border management evolved since 1997?',
      ['prague-1997', 'vienna-2005', 'budapest-process-30-years', 'call-for-action', 'prague-2009'],
    ],
    ['What changed on carriers since 2009?', ['budapest-process-30-years', 'call-for-action', 'prague-2009']],
    ['What did Prague 97 say about employers?', ['prague-1997']],
    ["What did they say back in '09 about labour migration?", ['prague-2009']],
    ['What does paragraph 97 say?', []],
    ['Compare 97 with 2009 on voluntary return.', ['prague-1997', 'prague-2009']],
    ['Visas: 1997 vs 09?', ['prague-1997', 'prague-2009']],
    ['What did the ministers want on carriers back in 97?', ['prague-1997']],
    ['Which meeting had 19 countries and 05 observers?', []],
    ['Is recommendation 19 about visas?', []],
    ['What was agreed in Prague in 2009 on labour migration?', ['prague-2009']],
    ['How should airlines check passports?', []],
    ['What is the Budapest Process?', []],
    ['What did the 97 text say about carriers?', ['prague-1997']],
    ['Does the 09 declaration mention diasporas?', ['prague-2009']],
    ['Were 20 documents checked?', []],
  ])('%s → %j', (question, expected) => {
    expect(resolveDocuments(question, names).documents).toEqual(expected);
  });

  it('removes the words that named a document from the topic', () => {
    const { topic } = resolveDocuments('What did Prague 1997 say about carrier sanctions?', names);
    expect(topic).toContain('carrier sanctions');
    expect(topic).not.toMatch(/prague|1997/);
  });

  it.each([
    ['Compare integration in the 2009 declaration and the 2019 plan', 'compare integration in and'],
    ['What did the 97 text say about carriers?', 'what did say about carriers'],
    // An event's noun is its topic: "who chaired the 2005 meeting" is about the meeting.
    ['Who chaired the Vienna 2005 meeting?', 'who chaired meeting'],
    // Nothing but the kind of thing the document is: a question about the document itself.
    ['Summarise the Vienna 2005 meeting', ''],
    ['the 2019 action plan', ''],
    ['Summarise the Vienna 2005 meeting on trafficking', 'summarise meeting on trafficking'],
    // What the document concluded, its main points, what its ministers agreed: the whole document.
    ['What did the Vienna 2005 meeting conclude?', ''],
    ['What were the main points of the 2009 declaration?', ''],
    ['what did the 1997 ministers agree on?', ''],
    ['What did the 1997 ministers agree on visas?', 'what did ministers agree on visas'],
  ])('a document noun after the year or place that named it leaves the topic: %s', (question, topic) => {
    expect(resolveDocuments(question, names).topic).toBe(topic);
  });
});
