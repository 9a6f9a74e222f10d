/**
 * @module tests/ingest/guess-metadata
 * A file dropped into the corpus without a manifest entry still gets sensible metadata — stated in its
 * text, never invented.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { metaFromFile } from '../../ingest/guess-metadata.js';

const corpusDir = fileURLToPath(new URL('../../corpus/', import.meta.url));
const realText = (file: string): Promise<string> => readFile(path.join(corpusDir, file), 'utf8');

describe('metaFromFile guesses only what the text states', () => {
  it.each([
    {
      file: 'new-guidelines-2024.md',
      text: '# Guidelines on Return\n\nAdopted in Vienna on 3 March 2024 by the participating States.\n',
      expected: {
        id: 'new-guidelines-2024',
        title: 'Guidelines on Return',
        shortTitle: 'Guidelines on Return',
        date: '2024-03-03',
        place: 'Vienna',
      },
      aliases: ['Guidelines on Return', 'New Guidelines 2024', 'Vienna 2024'],
    },
    {
      file: 'Brussels Statement (2021).txt',
      text: 'JOINT STATEMENT ON MIGRATION\nAND MOBILITY\n\nBrussels, 12 May 2021\n\n1. The participants…',
      expected: {
        id: 'brussels-statement-2021',
        title: 'Joint Statement on Migration and Mobility',
        date: '2021-05-12',
        place: 'Brussels',
      },
      aliases: ['Joint Statement on Migration and Mobility', 'Brussels Statement (2021)', 'Brussels 2021'],
    },
    {
      file: 'us-style.txt',
      text: 'Ministerial Meeting Summary\n\nThe meeting was held in Ankara on October 14-15, 1997.\n',
      expected: { title: 'Ministerial Meeting Summary', date: '1997-10-14', year: 1997, place: 'Ankara' },
      aliases: ['Ministerial Meeting Summary', 'Us Style', 'Ankara 1997'],
    },
    {
      file: 'iso.md',
      text: '## Working notes\n\nDated 2023-11-05.',
      expected: { title: 'Working notes', date: '2023-11-05', place: null },
      aliases: ['Working notes', 'Iso'],
    },
    {
      file: 'no-date-2019.txt',
      text: '1. The group met in Istanbul in 2019 and agreed the following.\n2. It also noted…\n',
      expected: {
        title: 'No Date 2019',
        date: null,
        year: 2019,
        dateSource: 'year in the title (guessed)',
        place: null,
      },
      aliases: ['No Date 2019'],
    },
    {
      file: 'impossible.txt',
      text: 'Meeting notes\n\nSigned in Rome on 31 February 2020.',
      expected: { title: 'Meeting notes', date: null, place: null },
      aliases: ['Meeting notes', 'Impossible'],
    },
    {
      file: 'empty.pdf',
      text: '',
      expected: { id: 'empty', title: 'Empty', shortTitle: 'Empty', date: null, place: null },
      aliases: ['Empty'],
    },
    {
      file: 'Guía de Retorno.md',
      text: '\uFEFF# Guía de retorno\r\n\r\nAprobada en Madrid.',
      expected: { id: 'guia-de-retorno', title: 'Guía de retorno', date: null },
      aliases: ['Guía de retorno'], // the stem's "Guía de Retorno" differs only in case
    },
  ])('$file', ({ file, text, expected, aliases }) => {
    const meta = metaFromFile(file, text);
    expect(meta).toMatchObject({ file, kind: 'document', ...expected });
    expect(meta.aliases).toEqual(aliases);
    expect('structure' in meta).toBe(false);
  });

  it('cuts a very long heading to about 120 characters at a word', () => {
    const meta = metaFromFile('long-one.txt', `# ${'Very long heading words '.repeat(12)}\n\ntext`);
    expect(meta.title.length).toBeLessThanOrEqual(120);
    expect(meta.title.endsWith('…')).toBe(true);
    expect(meta.shortTitle).toBe('Long One');
  });

  // The manifest's hand-written dates and places are what the opening of each real text states.
  it.each([
    {
      file: 'prague-1997-recommendations.txt',
      date: '1997-10-14',
      place: 'Prague',
      title:
        /^Conference of Ministers on the Prevention of Illegal Migration Held in the Context of the Budapest Process$/,
    },
    {
      file: 'vienna-2005-bali-budapest-joint-meeting.txt',
      date: '2005-10-24',
      place: 'Vienna',
      title: /^Vienna 2005 Bali Budapest Joint Meeting$/,
    },
    {
      file: 'prague-2009-joint-declaration.txt',
      date: '2009-04-27',
      place: 'Prague',
      title: /^Building Migration Partnerships Prague Ministerial Conference Joint Declaration$/,
    },
    {
      file: 'budapest-process-30-years.txt',
      date: null,
      place: null,
      title: /^30 Years Anniversary of the Budapest Process$/,
    },
    {
      file: 'budapest-process-call-for-action.txt',
      date: null,
      place: null,
      title: /^The Budapest Process .all for Action$/,
    },
  ])('agrees with the manifest on $file', async ({ file, date, place, title }) => {
    const meta = metaFromFile(file, await realText(file));
    expect(meta).toMatchObject({ date, place });
    expect(meta.title).toMatch(title);
  });
});
