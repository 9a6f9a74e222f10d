/**
 * @module tests/ingest/manifest
 * The manifest is where documents get the names people cite them by. These cases pin down that the real one
 * reads as written, that a bad one fails naming the file, field and value, and that a file dropped into the
 * corpus without an entry still gets sensible metadata — stated in its text, never invented.
 */
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  completeManifest,
  manifestSchema,
  parseManifest,
  readManifest,
  readManifestReport,
} from '../../ingest/manifest.js';
import { documentDateLabel } from '../../core/document-date.js';
import { containsFolded } from '../../core/text/fold.js';
import type { DocumentMeta } from '../../core/types.js';
import { ConfigError } from '../../core/errors.js';

const corpusDir = fileURLToPath(new URL('../../corpus/', import.meta.url));
const realText = (file: string): Promise<string> => readFile(path.join(corpusDir, file), 'utf8');

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A scratch corpus: copies of the real one (optionally without some files), plus `extra` files. */
async function scratchCorpus(
  options: { extra?: Record<string, string | Uint8Array>; drop?: string[]; manifest?: string | null } = {},
): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'manifest-'));
  temps.push(dir);
  for (const name of await readdir(corpusDir)) {
    if (options.drop?.includes(name) || name === 'manifest.json') continue;
    await copyFile(path.join(corpusDir, name), path.join(dir, name));
  }
  const manifest =
    options.manifest === undefined ? await readFile(path.join(corpusDir, 'manifest.json'), 'utf8') : options.manifest;
  if (manifest !== null) await writeFile(path.join(dir, 'manifest.json'), manifest);
  for (const [name, content] of Object.entries(options.extra ?? {})) await writeFile(path.join(dir, name), content);
  return dir;
}

describe('the real manifest', () => {
  it.each([
    {
      id: 'prague-1997',
      file: 'prague-1997-recommendations.txt',
      title:
        /^Recommendations of the Conference of Ministers on the Prevention of Illegal Migration .*\(Prague, 1997\)$/,
      shortTitle: 'Prague 1997 Recommendations',
      date: '1997-10-14',
      place: 'Prague',
      kind: 'recommendations',
      structure: 'recommendations',
    },
    {
      id: 'vienna-2005',
      file: 'vienna-2005-bali-budapest-joint-meeting.txt',
      title: /^Joint Meeting of the Bali and Budapest Processes .*\(Vienna, 2005\)$/,
      shortTitle: 'Vienna 2005 Bali–Budapest Joint Meeting',
      date: '2005-10-24',
      place: 'Vienna',
      kind: 'meeting report',
      structure: 'numbered-paragraphs',
    },
    {
      id: 'budapest-process-30-years',
      file: 'budapest-process-30-years.txt',
      title: /^30 Years Anniversary of the Budapest Process$/,
      shortTitle: 'Budapest Process at 30',
      date: null,
      place: null,
      kind: 'publication',
      structure: 'headings',
    },
    {
      id: 'call-for-action',
      file: 'budapest-process-call-for-action.txt',
      title: /^The Budapest Process Call for Action$/,
      shortTitle: 'Call for Action',
      date: null,
      place: null,
      kind: 'action plan',
      structure: 'priority-goals',
    },
    {
      id: 'prague-2009',
      file: 'prague-2009-joint-declaration.txt',
      title: /^Building Migration Partnerships: Prague Ministerial Conference Joint Declaration \(2009\)$/,
      shortTitle: 'Prague 2009 Joint Declaration',
      date: '2009-04-27',
      place: 'Prague',
      kind: 'declaration',
      structure: 'lettered-clauses',
    },
  ])('$id: $shortTitle, $date, $place', async ({ id, title, ...expected }) => {
    const doc = (await readManifest(corpusDir)).find((d) => d.id === id);
    expect(doc).toMatchObject(expected);
    expect(doc?.title).toMatch(title);
    expect(doc?.aliases.length).toBeGreaterThan(3);
  });

  it('lists exactly the five documents, in manifest order, with no warnings', async () => {
    const { documents, warnings } = await readManifestReport(corpusDir);
    expect(documents.map((d) => d.id)).toEqual([
      'prague-1997',
      'vienna-2005',
      'budapest-process-30-years',
      'call-for-action',
      'prague-2009',
    ]);
    expect(warnings).toEqual([]);
  });

  // Issue 15, "Dates": every document has a date or a year, and says where it comes from. Where the text gives
  // none, another document of the corpus states it; the quote recorded must really be in that document.
  it.each([
    { id: 'prague-1997', year: 1997, label: '14 Oct 1997', stated: 'October 1997' },
    { id: 'vienna-2005', year: 2005, label: '24 Oct 2005', stated: 'October 2005' },
    { id: 'budapest-process-30-years', year: 2023, label: '2023', stated: '30th anniversary. Initiated in 1993' },
    { id: 'call-for-action', year: 2019, label: '2019', stated: 'Call for Action “ in February 2019' },
    { id: 'prague-2009', year: 2009, label: '27 Apr 2009', stated: 'April 2009' },
  ])('$id is dated $label, with the source of its date quoted from the corpus', async ({ id, year, label, stated }) => {
    const documents = await readManifest(corpusDir);
    const doc = documents.find((d) => d.id === id);
    expect(doc?.year).toBe(year);
    expect(doc && documentDateLabel(doc)).toBe(label);
    const [, sourceId, quote] = /^([a-z0-9-]+): “(.*)”/.exec(doc?.dateSource ?? '') ?? [];
    const source = documents.find((d) => d.id === sourceId);
    expect(source, `dateSource of ${id} names a document of the corpus`).toBeDefined();
    expect(containsFolded(await realText(source?.file ?? ''), quote)).toBe(true);
    expect(quote).toContain(stated);
  });

  it('refuses a year that contradicts the date', () => {
    const json = JSON.stringify({
      documents: [{ id: 'x-1', file: 'x.txt', title: 'X', date: '1997-10-14', year: 1998 }],
    });
    expect(() => parseManifest(json, 'm.json')).toThrow(
      /documents\[0\] \("x-1"\)\.year: is not the year of date 1997-10-14/,
    );
  });

  it.each([
    [['y-2'], null],
    [['nope'], /documents\[0\] \("x-1"\)\.recounts\[0\]: names no document of the manifest \("nope"\)/],
    [['x-1'], /documents\[0\] \("x-1"\)\.recounts\[0\]: names the document itself/],
  ])('recounts %j: checked against the manifest’s ids', (recounts, error) => {
    const json = JSON.stringify({
      documents: [
        { id: 'x-1', file: 'x.txt', title: 'X', recounts },
        { id: 'y-2', file: 'y.txt', title: 'Y' },
      ],
    });
    if (error) expect(() => parseManifest(json, 'm.json')).toThrow(error);
    else expect(parseManifest(json, 'm.json')[0].recounts).toEqual(recounts);
  });

  it('records that the 30-years publication recounts the other four documents', async () => {
    const documents = await readManifest(corpusDir);
    expect(documents.find((d) => d.id === 'budapest-process-30-years')?.recounts?.sort()).toEqual([
      'call-for-action',
      'prague-1997',
      'prague-2009',
      'vienna-2005',
    ]);
  });

  it('is valid against the exported schema', async () => {
    const raw: unknown = JSON.parse(await readFile(path.join(corpusDir, 'manifest.json'), 'utf8'));
    expect(manifestSchema.safeParse(raw).success).toBe(true);
  });
});

describe('completeManifest (pure)', () => {
  const entry = (id: string, file: string): DocumentMeta => ({
    id,
    file,
    title: id,
    shortTitle: id,
    aliases: [],
    date: null,
    place: null,
    kind: 'document',
  });

  it.each([
    {
      what: 'keeps entries whose file exists, warns about the others',
      entries: [entry('a', 'a.txt'), entry('gone', 'gone.txt')],
      files: ['a.txt'],
      ids: ['a'],
      warnings: [/entry "gone" names gone\.txt, which is not in the corpus folder; skipped/],
    },
    {
      what: 'adds unlisted files after the entries, by name',
      entries: [entry('z', 'z.txt')],
      files: ['b.md', 'z.txt', 'a.pdf'],
      ids: ['z', 'a', 'b'],
      warnings: [/a\.pdf is not in manifest\.json; guessed id "a"/, /b\.md is not in manifest\.json; guessed id "b"/],
    },
    {
      what: 'never reuses an id the manifest gives, even to a skipped entry',
      entries: [entry('prague-1997', 'missing.txt'), entry('prague-1997-2', 'x.txt')],
      files: ['x.txt', 'prague-1997.md'],
      ids: ['prague-1997-2', 'prague-1997-3'],
      warnings: [
        /skipped/,
        /would get id "prague-1997", already taken; using "prague-1997-3"/,
        /guessed id "prague-1997-3"/,
      ],
    },
  ])('$what', ({ entries, files, ids, warnings }) => {
    const result = completeManifest(entries, files);
    expect(result.documents.map((d) => d.id)).toEqual(ids);
    expect(result.warnings).toHaveLength(warnings.length);
    warnings.forEach((w, i) => expect(result.warnings[i]).toMatch(w));
  });
});

describe('readManifest on a scratch corpus', () => {
  it('completes the manifest for an unlisted file from its text', async () => {
    const dir = await scratchCorpus({
      extra: {
        'new-guidelines-2024.md': '# Guidelines on Return\n\nAdopted in Vienna on 3 March 2024\n\n1. States should…\n',
      },
    });
    const warnings: string[] = [];
    const docs = await readManifest(dir, { onWarning: (w) => warnings.push(w) });
    expect(docs.map((d) => d.id)).toEqual([
      'prague-1997',
      'vienna-2005',
      'budapest-process-30-years',
      'call-for-action',
      'prague-2009',
      'new-guidelines-2024',
    ]);
    expect(docs[5]).toEqual({
      id: 'new-guidelines-2024',
      file: 'new-guidelines-2024.md',
      title: 'Guidelines on Return',
      shortTitle: 'Guidelines on Return',
      aliases: ['Guidelines on Return', 'New Guidelines 2024', 'Vienna 2024'],
      date: '2024-03-03',
      year: 2024,
      dateSource: 'date in the opening text (guessed)',
      place: 'Vienna',
      kind: 'document',
    });
    expect(warnings).toEqual([
      expect.stringMatching(/new-guidelines-2024\.md is not in manifest\.json; guessed id "new-guidelines-2024"/),
    ]);
  });

  it('a listed file missing from the corpus is a warning, not an error', async () => {
    const dir = await scratchCorpus({ drop: ['vienna-2005-bali-budapest-joint-meeting.txt'] });
    const { documents, warnings } = await readManifestReport(dir);
    expect(documents.map((d) => d.id)).not.toContain('vienna-2005');
    expect(documents).toHaveLength(4);
    expect(warnings).toEqual([
      expect.stringMatching(
        /"vienna-2005" names vienna-2005-bali-budapest-joint-meeting\.txt, which is not in the corpus/,
      ),
    ]);
  });

  it('without manifest.json every file is guessed from its text', async () => {
    const dir = await scratchCorpus({ manifest: null });
    const docs = await readManifest(dir);
    expect(docs.map((d) => [d.id, d.date, d.place])).toEqual([
      ['budapest-process-30-years', null, null],
      ['budapest-process-call-for-action', null, null],
      ['prague-1997-recommendations', '1997-10-14', 'Prague'],
      ['prague-2009-joint-declaration', '2009-04-27', 'Prague'],
      ['vienna-2005-bali-budapest-joint-meeting', '2005-10-24', 'Vienna'],
    ]);
  });

  it('an unreadable unlisted file gets metadata from its name, with a warning', async () => {
    const dir = await scratchCorpus({ extra: { 'scan-2020.txt': Uint8Array.from([0x00, 0x01, 0x02]) } });
    const { documents, warnings } = await readManifestReport(dir);
    expect(documents.at(-1)).toMatchObject({ id: 'scan-2020', title: 'Scan 2020', date: null });
    expect(warnings).toContainEqual(
      expect.stringMatching(/scan-2020\.txt: metadata guessed from the file name only \(ingest: .*binary content/),
    );
  });

  it('an invalid manifest.json stops it with a ConfigError naming the file', async () => {
    const dir = await scratchCorpus({ manifest: '{"documents": [{"id": "x", "file": "x.txt"}]}' });
    const err = await readManifest(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(
      `manifest: ${path.join(dir, 'manifest.json')}: documents[0] ("x").title: Invalid input: expected string, received undefined (missing)`,
    );
  });
});

describe('parseManifest: a clear error for each kind of mistake', () => {
  const doc = (extra: Record<string, unknown>): string =>
    JSON.stringify({ documents: [{ id: 'x-1', file: 'x.txt', title: 'X', ...extra }] });

  it.each([
    { what: 'not JSON', json: '{"documents": [', message: /^manifest: corpus\/manifest\.json: not valid JSON \(/ },
    {
      what: 'no documents',
      json: '{}',
      message: /documents: Invalid input: expected array, received undefined \(missing\)/,
    },
    {
      what: 'a wrong top-level key',
      json: '{"documents": [], "docs": []}',
      message: /\(top level\): Unrecognized key: "docs"/,
    },
    {
      what: 'a non-ISO date',
      json: doc({ date: '14 October 1997' }),
      message: /documents\[0\] \("x-1"\)\.date: must be an ISO date "YYYY-MM-DD" or null \(got "14 October 1997"\)/,
    },
    {
      what: 'an impossible date',
      json: doc({ date: '2023-02-30' }),
      message: /\.date: is not a real calendar date \(got "2023-02-30"\)/,
    },
    {
      what: 'a misspelt field',
      json: doc({ strucure: 'headings' }),
      message: /documents\[0\] \("x-1"\): Unrecognized key: "strucure"/,
    },
    {
      what: 'an unknown kind',
      json: doc({ kind: 'minutes' }),
      message: /\.kind: Invalid option: expected one of .*"meeting report".* \(got "minutes"\)/,
    },
    {
      what: 'an unknown structure',
      json: doc({ structure: 'chapters' }),
      message: /\.structure: Invalid option: .* \(got "chapters"\)/,
    },
    {
      what: 'an id that is not a slug',
      json: doc({ id: 'Prague 1997' }),
      message:
        /documents\[0\] \("Prague 1997"\)\.id: must be a lowercase slug like "prague-1997" \(got "Prague 1997"\)/,
    },
    {
      what: 'a path for a file',
      json: doc({ file: '../secrets.txt' }),
      message: /\.file: must be a file name inside corpus\/, not a path \(got "\.\.\/secrets\.txt"\)/,
    },
    {
      what: 'an unsupported file type',
      json: doc({ file: 'x.docx' }),
      message: /\.file: must end in \.txt, \.md or \.pdf \(got "x\.docx"\)/,
    },
    {
      what: 'an empty title',
      json: doc({ title: '  ' }),
      message: /\.title: Too small: expected string to have >=1 characters/,
    },
    {
      what: 'aliases not a list',
      json: doc({ aliases: 'Prague' }),
      message: /\.aliases: Invalid input: expected array, received string \(got "Prague"\)/,
    },
    {
      what: 'a duplicate id',
      json: JSON.stringify({
        documents: [
          { id: 'a', file: 'a.txt', title: 'A' },
          { id: 'a', file: 'b.txt', title: 'B' },
        ],
      }),
      message: /documents\[1\] \("a"\)\.id: duplicates documents\[0\]\.id/,
    },
    {
      what: 'a duplicate file',
      json: JSON.stringify({
        documents: [
          { id: 'a', file: 'a.txt', title: 'A' },
          { id: 'b', file: 'a.txt', title: 'B' },
        ],
      }),
      message: /documents\[1\] \("b"\)\.file: duplicates documents\[0\]\.file/,
    },
  ])('$what', ({ json, message }) => {
    const err = (() => {
      try {
        parseManifest(json, 'corpus/manifest.json');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((err as Error).message).toMatch(/^manifest: corpus\/manifest\.json: /);
    expect((err as Error).message).toMatch(message);
  });

  it('fills in defaults for optional fields and leaves structure out', () => {
    const [meta] = parseManifest(
      JSON.stringify({
        documents: [
          {
            id: 'guide',
            file: 'return-guide-2024.md',
            title: 'A Rather Long Title for the Return Guidelines Adopted by the States',
          },
        ],
      }),
      'm.json',
    );
    expect(meta).toEqual({
      id: 'guide',
      file: 'return-guide-2024.md',
      title: 'A Rather Long Title for the Return Guidelines Adopted by the States',
      shortTitle: 'Return Guide 2024',
      aliases: [],
      date: null,
      place: null,
      kind: 'document',
    });
  });
});
