import { describe, expect, it } from 'vitest';
import type { DocumentMeta, Unit } from '../../../core/types.js';
import { closestMatches } from '../../../server/answer/extractive.js';
import type { SearchHit } from '../../../server/retrieve/types.js';

const meta = (id: string, shortTitle: string, date: string | null): DocumentMeta => ({
  id,
  file: `${id}.txt`,
  title: `${shortTitle} (full title)`,
  shortTitle,
  aliases: [],
  date,
  place: null,
  kind: 'declaration',
});
const p97 = meta('prague-1997', 'Prague 1997 Recommendations', '1997-10-14');
const p09 = meta('prague-2009', 'Prague 2009 Joint Declaration', '2009-04-27');

const hit = (document: DocumentMeta, unit: string, label: string, text: string): SearchHit => ({
  unit: {
    id: `${document.id}:${unit}`,
    documentId: document.id,
    label,
    kind: 'paragraph',
    number: null,
    section: 'S',
    text,
    page: null,
    order: 0,
  } satisfies Unit,
  document,
  score: 0.9,
  lexical: 1,
  vector: 0.5,
  referenced: false,
});

const rec33 = hit(
  p97,
  'rec-33',
  'Recommendation 33',
  'Recommend that participating States continue their efforts to conclude readmission agreements. They should contain clauses on nationals.',
);
const g2 = hit(
  p09,
  'clause-g.2',
  'Clause (g), point 2',
  'pursuing policies to ensure the return of irregular migrants, especially by negotiating readmission agreements,',
);
describe('closestMatches', () => {
  it('lists near misses with links, never as citations', () => {
    expect(closestMatches([rec33, g2], 1)).toEqual([
      expect.objectContaining({
        id: 'prague-1997:rec-33',
        url: '/documents/prague-1997#rec-33',
        label: 'Recommendation 33',
      }),
    ]);
  });
});
