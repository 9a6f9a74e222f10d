/**
 * @module tests/ingest/parse/pages
 * Multi-page input: each corpus file cut into pages where its extraction marked page starts (a line
 * opening with one space) parses to the same units, now carrying the page each one starts on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldForCompare } from '../../../core/text/fold.js';
import { joinPages } from '../../../ingest/normalise/text.js';
import { parseDocument } from '../../../ingest/parse/index.js';
import type { DocumentMeta } from '../../../core/types.js';

const corpusDir = new URL('../../../corpus/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', corpusDir), 'utf8')) as { documents: DocumentMeta[] };

/** The file's text cut before every line that starts with exactly one space. */
function pagesOf(text: string): string[] {
  const pages: string[][] = [[]];
  text.split('\n').forEach((line, i) => {
    if (i > 0 && /^ \S/.test(line) && pages[pages.length - 1].some((l) => l.trim() !== '')) pages.push([]);
    pages[pages.length - 1].push(line);
  });
  return pages.map((p) => p.join('\n'));
}

const cases = manifest.documents.map((meta) => {
  const text = readFileSync(new URL(meta.file, corpusDir), 'utf8');
  const pages = pagesOf(text);
  return { meta, pages, single: parseDocument(meta, joinPages([text])), multi: parseDocument(meta, joinPages(pages)) };
});

describe.each(cases.map((c) => [c.meta.id, c] as const))('%s split into pages', (_id, { pages, single, multi }) => {
  it('has several pages', () => {
    expect(pages.length).toBeGreaterThan(2);
  });

  it('yields the same units as the single-page text', () => {
    expect(multi.map((u) => [u.id, u.text, u.section])).toEqual(single.map((u) => [u.id, u.text, u.section]));
  });

  it('gives every unit the page its text starts on, in non-decreasing order', () => {
    let last = 1;
    for (const u of multi) {
      expect(u.page).not.toBeNull();
      const page = u.page ?? 0;
      expect(page).toBeGreaterThanOrEqual(last);
      expect(foldForCompare(pages[page - 1])).toContain(foldForCompare(u.text.slice(0, 12)));
      last = page;
    }
    // Pages after the last unit's hold no text (the brochure ends on a page with only its web address).
    expect(pages.slice(last).filter((p) => p.trim().split(/\s+/).length >= 3)).toEqual([]);
  });
});

describe('known page starts', () => {
  const vienna = cases.find((c) => c.meta.id === 'vienna-2005')?.multi ?? [];
  const pageOf = (id: string) => vienna.find((u) => u.id === id)?.page;

  it.each([
    ['vienna-2005:para-1', 1],
    ['vienna-2005:para-4', 1],
    ['vienna-2005:para-5', 2],
    ['vienna-2005:para-11', 2],
    ['vienna-2005:para-12', 3],
    ['vienna-2005:para-19', 3],
  ])('%s starts on page %i', (id, page) => {
    expect(pageOf(id)).toBe(page);
  });

  it('a unit running over a page break keeps its start page and its whole text', () => {
    const meta = manifest.documents.find((d) => d.id === 'call-for-action');
    if (!meta) throw new Error('no call-for-action');
    const text = readFileSync(new URL(meta.file, corpusDir), 'utf8');
    const cut = text.indexOf('notably by supporting the estab-') + 'notably by supporting the estab-'.length;
    const units = parseDocument(meta, joinPages([text.slice(0, cut), text.slice(cut)]));
    const action = units.find((u) => u.id === 'call-for-action:pg-3.6');
    expect(action?.page).toBe(1);
    expect(action?.text).toContain(
      'notably by supporting the establishment of their national reintegration structures',
    );
    expect(units.find((u) => u.id === 'call-for-action:pg-4.1')?.page).toBe(2);
  });
});
