/**
 * @module server/answer/extractive
 * What an offline reply says when it does not answer: the decline message and the closest passages, listed
 * as near misses, never as citations. The answer itself is written by write/answer.ts.
 */
import { unitUrl } from './citation.js';
import type { SearchHit } from '../retrieve/types.js';
import type { ClosestMatch } from './types.js';

export const DECLINE_MESSAGE =
  'The documents do not appear to address this question. The closest passages are listed below as closest matches, not as an answer.';

export function closestMatches(hits: SearchHit[], limit = 3): ClosestMatch[] {
  return hits.slice(0, limit).map((h) => ({
    id: h.unit.id,
    documentId: h.unit.documentId,
    documentTitle: h.document.title,
    label: h.unit.label,
    text: h.unit.text,
    url: unitUrl(h.unit.documentId, h.unit.id),
    score: Number(h.score.toFixed(4)),
  }));
}
