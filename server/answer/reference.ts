/**
 * @module server/answer/reference
 * A citation as a policy writer pastes it: "Prague 1997 Recommendations (14 Oct 1997), Recommendation 18", or
 * "Call for Action (2019), Priority Goal 1, Action 3" where only the year is known.
 */
import { documentDateLabel } from '../../core/document-date.js';
import type { DocumentMeta, Unit } from '../../core/types.js';

export function citationReference(
  document: Pick<DocumentMeta, 'shortTitle' | 'date' | 'year'>,
  unit: Pick<Unit, 'label'>,
): string {
  const date = documentDateLabel(document);
  return `${document.shortTitle}${date ? ` (${date})` : ''}, ${unit.label}`;
}
