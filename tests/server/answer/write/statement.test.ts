import { describe, expect, it } from 'vitest';
import type { DocumentMeta, Unit } from '../../../../core/types.js';
import { plainStatement } from '../../../../server/answer/write/statement.js';
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
      'In Consideration 28 of the Prague 1997 Recommendations, the ministers note that return needs co-operation.',
    ],
    [
      'We will strengthen co-operation.',
      unit('Clause (a)', 'clause'),
      'In Clause (a) of the Prague 1997 Recommendations, the ministers will strengthen co-operation.',
    ],
    // An apposition naming the speakers is read as the source reads, not turned into "the ministers We, …".
    [
      'We, the Ministers responsible for migration, met in Prague.',
      unit('Preamble, recital 1', 'preamble'),
      'Preamble, recital 1 of the Prague 1997 Recommendations reads: We, the Ministers responsible for migration, met in Prague.',
    ],
    [
      'Strengthen cooperation on return;',
      unit('Priority Goal 3, Action 1', 'action'),
      'Priority Goal 3, Action 1 of the Prague 1997 Recommendations calls on participating states to strengthen cooperation on return.',
    ],
    [
      'This meeting was held in Berlin.',
      unit('Introduction, paragraph 3', 'paragraph', null),
      'According to the Prague 1997 Recommendations, this meeting was held in Berlin.',
    ],
  ])('%s', (sentence, u, expected) => expect(plainStatement(sentence, u, prague)).toBe(expected));
});
