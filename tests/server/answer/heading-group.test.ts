import { describe, expect, it } from 'vitest';
import type { Unit, UnitKind } from '../../../core/types.js';
import { withHeadingGroup } from '../../../server/answer/heading-group.js';
import { conceptsOf, TermStatistics } from '../../../server/retrieve/term-stats.js';
import type { SearchHit } from '../../../server/retrieve/types.js';
import { smallIndex, testHit, testUnit } from '../../support/small-index.js';

const unit = (id: string, kind: UnitKind, text: string, section: string, order: number): Unit => ({
  ...testUnit(id, text, section, order),
  kind,
});
const ENTRY = 'Pre-entry and entry control, in particular visa regimes';
const RETURN = 'Return and readmission';
const units: Unit[] = [
  unit('preamble-1', 'preamble', 'Meeting on visa regimes and readmission of migrants.', '', 0),
  unit('consideration-1', 'consideration', 'Recognizing that visa regimes differ.', ENTRY, 1),
  unit('rec-1', 'recommendation', 'Recommend information programmes in countries of origin.', ENTRY, 2),
  unit('rec-2', 'recommendation', 'Recommend machine readable passports and visas.', ENTRY, 3),
  unit('rec-3', 'recommendation', 'Recommend sanctions against carriers.', ENTRY, 4),
  unit('consideration-2', 'consideration', 'Noting that readmission requires co-operation.', RETURN, 5),
  unit(
    'rec-4',
    'recommendation',
    'Recommend readmission agreements on visas.',
    `${RETURN} › (b) Readmission agreements`,
    6,
  ),
  unit(
    'rec-5',
    'recommendation',
    'Recommend that agreements cover third-country nationals.',
    `${RETURN} › (b) Readmission agreements`,
    7,
  ),
  unit('rec-6', 'recommendation', 'Recommend voluntary return first.', `${RETURN} › (a) Voluntary departure`, 8),
];
const stats = new TermStatistics(smallIndex(units));
const hit = (id: string, score = 0.8): SearchHit =>
  testHit(
    units.find((u) => u.id === id)!,
    { score },
  );
const ids = (hits: SearchHit[]) => hits.map((h) => h.unit.id);

describe('withHeadingGroup', () => {
  it.each([
    [
      'a heading holding the topic brings its operative units: cited ones first, then the rest in reading order, then the cited motivating ones',
      'visa regimes and entry control',
      ['consideration-1', 'rec-2', 'preamble-1'],
      ['rec-2', 'rec-1', 'rec-3', 'consideration-1', 'preamble-1'],
    ],
    [
      'of nested headings holding the topic, the innermost is the group',
      'readmission agreements',
      ['rec-4', 'consideration-2'],
      ['rec-4', 'rec-5', 'consideration-2'],
    ],
    ['no heading holds the topic: unchanged', 'carriers and passports', ['rec-3', 'rec-2'], ['rec-3', 'rec-2']],
    [
      'the heading holds the topic but the search found none of its units: unchanged',
      'visa regimes and entry control',
      ['preamble-1'],
      ['preamble-1'],
    ],
  ])('%s', (_name, topic, cited, expected) => {
    const concepts = conceptsOf(topic, stats);
    expect(
      ids(
        withHeadingGroup(
          cited.map((id) => hit(id)),
          concepts,
          { units },
        ),
      ),
    ).toEqual(expected);
  });

  it('headings on different branches that both hold the topic are not a group', () => {
    const both: Unit[] = [
      unit('rec-a', 'recommendation', 'Recommend criminal sanctions.', 'Trafficking in aliens › (a) Definitions', 0),
      unit('rec-b', 'recommendation', 'Recommend a study.', 'Trafficking in aliens › (b) Penalties', 1),
      unit(
        'rec-c',
        'recommendation',
        'Recommend joint investigations.',
        'Linkage of trafficking and organised crime',
        2,
      ),
      unit('rec-d', 'recommendation', 'Recommend training.', 'Linkage of trafficking and organised crime', 3),
    ];
    const s = new TermStatistics(smallIndex(both));
    const cited = [testHit(both[0]), testHit(both[2])];
    expect(ids(withHeadingGroup(cited, conceptsOf('trafficking', s), { units: both }))).toEqual(['rec-a', 'rec-c']);
  });
});
