/**
 * @module server/answer/extractive
 * What an offline reply says when it does not answer: the decline message and the closest passages, listed
 * as near misses, never as citations. The answer itself is written by write/answer.ts.
 */
import { unitUrl } from './citation.js';
import type { SearchHit } from '../retrieve/types.js';
import type { ClosestMatch } from './types.js';
import type { DocumentMeta } from '../../core/types.js';
import { capitalise, documentName, isPluralTitle } from './write/statement.js';

export const DECLINE_MESSAGE =
  'The documents do not appear to address this question. The closest passages are listed below as closest matches, not as an answer.';

/** A question naming what no document mentions ("Baku", "Frontex"): the decline says so. */
export function unknownNamesMessage(names: readonly string[]): string {
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  return (
    `The documents never mention ${list}, so they cannot answer this. ` +
    'The closest passages are listed below as closest matches, not as an answer.'
  );
}

/** Asked about one or two documents by name ("what about the 2009 one?"), a decline names them: the person
 * learns that this text is silent, not that the search failed everywhere. */
export function declineMessage(asked: readonly DocumentMeta[]): string {
  if (asked.length === 0 || asked.length > 2) return DECLINE_MESSAGE;
  const names = asked.map((d) => documentName(d)).join(' and ');
  // "The Prague 1997 Recommendations do", "the Call for Action does".
  const verb = asked.length === 1 && !isPluralTitle(asked[0]) ? 'does' : 'do';
  return (
    `${capitalise(names)} ${verb} not appear to address this question. ` +
    'The closest passages are listed below as closest matches, not as an answer.'
  );
}

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
