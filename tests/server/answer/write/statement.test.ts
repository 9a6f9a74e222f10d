import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocumentMeta, Unit } from '../../../../core/types.js';
import { analyse } from '../../../../core/text/terms.js';
import { plainStatement, tidySentence } from '../../../../server/answer/write/statement.js';
import { TEST_DOCUMENT, testUnit } from '../../../support/small-index.js';

const prague: DocumentMeta = {
  ...TEST_DOCUMENT,
  id: 'prague-1997',
  shortTitle: 'Prague 1997 Recommendations',
  date: '1997-10-14',
  year: 1997,
};
const unit = (label: string, kind: Unit['kind'], number: string | null = '1'): Unit => ({
  ...testUnit('u', 'x', '', 0),
  label,
  kind,
  number,
});

describe('plainStatement', () => {
  it.each([
    [
      'Recommend that sanctions be introduced against carriers;',
      unit('Recommendation 18', 'recommendation'),
      'Recommendation 18 of the Prague 1997 Recommendations recommends that sanctions be introduced against carriers.',
    ],
    [
      'Noting that return needs co-operation;',
      unit('Consideration 28', 'consideration'),
      'In consideration 28 of the Prague 1997 Recommendations, the ministers note that return needs co-operation.',
    ],
    [
      'We will strengthen co-operation.',
      unit('Clause (a)', 'clause'),
      'In clause (a) of the Prague 1997 Recommendations, the ministers will strengthen co-operation.',
    ],
    // An apposition naming the speakers is read as the source reads, not turned into "the ministers We, …".
    [
      'We, the Ministers responsible for migration, met in Prague.',
      unit('Preamble, recital 1', 'preamble'),
      'Recital 1 of the preamble of the Prague 1997 Recommendations reads: We, the Ministers responsible for migration, met in Prague.',
    ],
    [
      'Strengthen cooperation on return;',
      unit('Priority Goal 3, Action 1', 'action'),
      'Priority Goal 3, Action 1 of the Prague 1997 Recommendations calls on participating states to strengthen cooperation on return.',
    ],
    [
      'further strengthening border and immigration control,',
      unit('Clause (f), point 3', 'point'),
      'Point 3 of clause (f) of the Prague 1997 Recommendations commits to further strengthening border and immigration control.',
    ],
    [
      'pursuing, at the same time, policies to ensure return,',
      unit('Clause (g), point 2', 'point'),
      'Point 2 of clause (g) of the Prague 1997 Recommendations commits to pursuing, at the same time, policies to ensure return.',
    ],
    [
      'Meeting in Prague on 14-15 October 1997 at the invitation of the Government,',
      unit('Preamble, recital 1', 'preamble'),
      'In recital 1 of the preamble of the Prague 1997 Recommendations, the ministers met in Prague on 14-15 October 1997 at the invitation of the Government.',
    ],
    [
      'This meeting was held in Berlin.',
      unit('Introduction, paragraph 3', 'paragraph', null),
      'According to the Prague 1997 Recommendations, this meeting was held in Berlin.',
    ],
    // A paragraph under a subject heading: the heading says what a fragment is about.
    [
      'Chaired by Sweden',
      unit('The Budapest Process Reference Group, paragraph 1', 'paragraph'),
      'The Prague 1997 Recommendations, on the Budapest Process Reference Group: Chaired by Sweden.',
    ],
    [
      'This project was the first big step.',
      unit('Support to the Silk Routes Partnership - Silk Routes II Project, paragraph 2', 'paragraph'),
      'The Prague 1997 Recommendations, on Support to the Silk Routes Partnership - Silk Routes II Project: this project was the first big step.',
    ],
    // Recitals that open with a bare verb or an adjective speak for the ministers too.
    [
      'Thank the Republic of Turkey and Romania for the excellent organisation of preparatory meetings;',
      unit('Preamble, recital 4', 'preamble'),
      'In recital 4 of the preamble of the Prague 1997 Recommendations, the ministers thank the Republic of Turkey and Romania for the excellent organisation of preparatory meetings.',
    ],
    [
      'Observing that the current international economic crisis is having an impact on remittances,',
      unit('Preamble, recital 15', 'preamble'),
      'In recital 15 of the preamble of the Prague 1997 Recommendations, the ministers observe that the current international economic crisis is having an impact on remittances.',
    ],
    // Under a heading that names a part of the document, the part is the source.
    [
      'Thanking: The Government of the Czech Republic for having hosted this Conference;',
      unit('Closing, paragraph 1', 'paragraph'),
      'In the closing words of the Prague 1997 Recommendations, the ministers thank the Government of the Czech Republic for having hosted this Conference.',
    ],
    [
      'This publication celebrates the 30th anniversary.',
      unit('Introduction, paragraph 1', 'paragraph'),
      'According to the introduction of the Prague 1997 Recommendations, this publication celebrates the 30th anniversary.',
    ],
    // Inside a sentence, the part comes first: "paragraph 7 of …", "point 4 of clause (f) of …".
    [
      'The states agreed on national action plans.',
      unit('Paragraph 7', 'paragraph', '7'),
      'According to paragraph 7 of the Prague 1997 Recommendations, the states agreed on national action plans.',
    ],
    // A sentence's opening word loses its capital inside the statement; a name keeps it.
    [
      'Notwithstanding the fact that trafficking is distinct, it occurs in irregular migration.',
      unit('Paragraph 12', 'paragraph', '12'),
      'According to paragraph 12 of the Prague 1997 Recommendations, notwithstanding the fact that trafficking is distinct, it occurs in irregular migration.',
    ],
    [
      'Turkey chaired the meeting.',
      unit('Paragraph 2', 'paragraph', '2'),
      'According to paragraph 2 of the Prague 1997 Recommendations, Turkey chaired the meeting.',
    ],
  ])('%s', (sentence, u, expected) => expect(plainStatement(sentence, u, prague)).toBe(expected));
});

describe('tidySentence keeps what was asked', () => {
  const long =
    'Promote communication, awareness raising and easy access to relevant, accurate and timely information on ' +
    'regular channels of migration for persons intending to migrate and provision of vocational and language ' +
    'training, notably through the work of the Migrant Resource Centres, Pre-Departure Orientation Centres and ' +
    'Post-Arrival Orientation Centres, as well as other relevant stakeholders in countries of origin and destination.';

  it('cuts a long sentence at its first clause boundary when nothing asked lies beyond it', () => {
    expect(tidySentence(long, 250)).toMatch(/language training …$/);
  });

  it('cuts later, or not at all, rather than drop the only mention of a word of the question', () => {
    const kept = tidySentence(long, 250, new Set(analyse('migrant resource centres')));
    expect(kept).toContain('Migrant Resource Centres');
    expect(kept).toMatch(/Orientation Centres …$/);
  });
});

describe('tidySentence on a long list of items set off by semicolons', () => {
  const thanks =
    'Thanking: The Government of the Czech Republic for having hosted this Conference; The Government of Hungary ' +
    'for, together with the Governments of the Czech Republic and of Norway, having prepared this conference as a ' +
    'Chairmanship Group, and the EU Presidencies for having actively assisted the Chairmanship Group; The three ' +
    'international support bodies IOM, IGC and ICMPD for also assisting the Chairmanship Group; The Governments of ' +
    'Austria, Croatia, Denmark and Switzerland for having financially contributed to the Vienna-based Secretariat ' +
    'of the Budapest Group; The Governments of all States which have hosted preparatory meetings for this Conference.';

  it('keeps the first item and the one item that holds what was asked, verbatim, the rest left out', () => {
    expect(tidySentence(thanks, 250, new Set(analyse('secretariat based')))).toBe(
      'Thanking: The Government of the Czech Republic for having hosted this Conference … The Governments of ' +
        'Austria, Croatia, Denmark and Switzerland for having financially contributed to the Vienna-based ' +
        'Secretariat of the Budapest Group …',
    );
  });

  it('leaves the items alone when several hold what was asked: the question asks for the list', () => {
    const kept = tidySentence(thanks, 250, new Set(analyse('ICMPD Switzerland')));
    expect(kept).toContain('The Government of Hungary');
    expect(kept).toContain('IOM, IGC and ICMPD');
    expect(kept).toContain('Austria, Croatia, Denmark and Switzerland');
  });
});

describe('tidySentence on any sentence', () => {
  it('keeps a prefix of the sentence (or all of it), whatever must be kept, and ends it properly', () => {
    const word = fc.constantFrom(
      'visa',
      'return',
      'migrant',
      'resource',
      'centres',
      'and',
      'training',
      ', notably',
      ', which',
      ';',
      'of',
    );
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 120 }),
        fc.array(fc.constantFrom('visa', 'centr', 'resourc'), { maxLength: 3 }),
        (words, keep) => {
          const sentence = words.join(' ');
          const tidy = tidySentence(sentence, 120, new Set(keep));
          // What is left once the ellipsis or full stop and any trailing punctuation are taken off.
          let body = tidy.endsWith(' …') ? tidy.slice(0, -2) : tidy.endsWith('.') ? tidy.slice(0, -1) : tidy;
          while (body.length > 0 && ' ;:,'.includes(body[body.length - 1])) body = body.slice(0, -1);
          expect(sentence.replace(/\s+/g, ' ').trim().startsWith(body)).toBe(true);
          expect(tidy).toMatch(/[.!?…]$/);
        },
      ),
    );
  });
});
