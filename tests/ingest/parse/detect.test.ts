/**
 * @module tests/ingest/parse/detect
 * Structure detection for documents the manifest says nothing about, and parseDocument's dispatch.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { joinPages } from '../../../ingest/normalise/text.js';
import { detectStructure } from '../../../ingest/parse/detect.js';
import { parseDocument } from '../../../ingest/parse/index.js';
import type { DocumentMeta, StructureKind } from '../../../core/types.js';

const corpusDir = new URL('../../../corpus/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', corpusDir), 'utf8')) as { documents: DocumentMeta[] };
const read = (meta: DocumentMeta) => readFileSync(new URL(meta.file, corpusDir), 'utf8');

function newDocument(file: string): DocumentMeta {
  return {
    id: 'new-doc',
    file,
    title: 'New',
    shortTitle: 'New',
    aliases: [],
    date: null,
    place: null,
    kind: 'document',
  };
}

describe('detectStructure', () => {
  it.each(manifest.documents.map((m) => [m.id, m.structure, m] as const))(
    '%s reads as %s, as the manifest says',
    (_id, structure, meta) => {
      expect(detectStructure(read(meta))).toBe(structure);
    },
  );

  it.each([
    [
      'a run of numbered paragraphs',
      '1. First point made.\n\n2. Second point\n2 lines later.\n\n3. Third point.\n',
      {},
      'numbered-paragraphs',
    ],
    ['two numbered lines only', 'Intro text.\n\n1. One.\n\n2. Two.\n', {}, 'headings'],
    ['numbers out of sequence', '1. One.\n\n3. Three.\n\n4. Four.\n', {}, 'headings'],
    ['prose with headings', 'OVERVIEW\n\nSome text here.\n\nDetails\n\nMore text.\n', {}, 'headings'],
    [
      'markdown with # headings and a numbered list',
      '# Notes\n\n1. a.\n2. b.\n3. c.\n',
      { markdown: true },
      'headings',
    ],
    ['markdown without headings but numbered', '1. a.\n\n2. b.\n\n3. c.\n', { markdown: true }, 'numbered-paragraphs'],
    ['priority goals', 'Priority Goal 1\n\n1. Do a;\n\nPriority Goal 2\n\n1. Do b.\n', {}, 'priority-goals'],
    ['lettered clauses', 'We agree:\n\n(a) One.\n\n(b) Two.\n\n(c) Three.\n', {}, 'lettered-clauses'],
  ] as const)('%s → %s', (_name, text, options, expected) => {
    expect(detectStructure(text, options)).toBe(expected);
  });
});

describe('parseDocument dispatch', () => {
  it.each(manifest.documents.map((m) => [m.id, m] as const))(
    '%s without a manifest structure parses as with it',
    (_id, meta) => {
      const withoutStructure: DocumentMeta = { ...meta, structure: undefined };
      const paged = joinPages([read(meta)]);
      expect(parseDocument(withoutStructure, paged).map((u) => u.id)).toEqual(
        parseDocument(meta, paged).map((u) => u.id),
      );
    },
  );

  it('cuts a new numbered .txt file into paragraphs, with its introduction', () => {
    const text =
      'ANNUAL REPORT\n\nThe meeting opened.\n\n1. Delegates met in\nVienna.\n\n2. They agreed.\n\n3. They left.\n';
    const units = parseDocument(newDocument('report.txt'), joinPages([text]));
    expect(units.map((u) => [u.id, u.text])).toEqual([
      ['new-doc:intro-1', 'The meeting opened.'],
      ['new-doc:para-1', 'Delegates met in Vienna.'],
      ['new-doc:para-2', 'They agreed.'],
      ['new-doc:para-3', 'They left.'],
    ]);
  });

  it('cuts a new .md file along its # headings', () => {
    const text = '# Guide\n\nIntro text.\n\n## Setup steps\n\nFirst step.\n\nSecond step\nwrapped.\n';
    const units = parseDocument(newDocument('guide.md'), joinPages([text]));
    expect(units.map((u) => [u.id, u.section, u.text])).toEqual([
      ['new-doc:guide-1', 'Guide', 'Intro text.'],
      ['new-doc:setup-steps-1', 'Guide › Setup steps', 'First step.'],
      ['new-doc:setup-steps-2', 'Guide › Setup steps', 'Second step wrapped.'],
    ]);
  });

  it('throws on a structure it does not know', () => {
    const meta = { ...newDocument('x.txt'), structure: 'tabular' as unknown as StructureKind };
    expect(() => parseDocument(meta, joinPages(['1. a.']))).toThrow(/tabular/);
  });
});
