/**
 * @module server/answer/llm/passages
 * The numbered passages an LLM answer may cite, grouped by document with documents in date order, so that a
 * summary, comparison or timeline can follow the documents as they were written. The number shown to the
 * model is the only link from a [n] marker back to a retrieved unit, so post-processing works from the same
 * list: numberPassages decides the order once, and both the prompt and finaliseLlmAnswer read its result.
 */
import { documentYear } from '../../../core/document-date.js';
import type { DocumentId, DocumentMeta } from '../../../core/types.js';
import type { SearchHit } from '../../retrieve/types.js';

export type NumberedPassage = { n: number; hit: SearchHit };

/**
 * Earlier documents first: by year, then by full date where both state one; a document with no year after
 * those with one. Returns 0 for documents of the same date, which the caller breaks by rank.
 */
export function byDocumentDate(a: DocumentMeta, b: DocumentMeta): number {
  const ya = documentYear(a) ?? Number.POSITIVE_INFINITY;
  const yb = documentYear(b) ?? Number.POSITIVE_INFINITY;
  if (ya !== yb) return ya < yb ? -1 : 1;
  if (a.date && b.date && a.date !== b.date) return a.date < b.date ? -1 : 1;
  return 0;
}

/**
 * Numbers hits 1…k grouped by document: documents in date order (same date: the one with the better-ranked
 * hit first), units in reading order within a document. Every hit is kept exactly once.
 */
export function numberPassages(hits: readonly SearchHit[]): NumberedPassage[] {
  const groups = new Map<DocumentId, SearchHit[]>();
  for (const hit of hits) {
    const group = groups.get(hit.unit.documentId);
    if (group) group.push(hit);
    else groups.set(hit.unit.documentId, [hit]);
  }
  // Map keeps first-appearance order and Array.prototype.sort is stable, so ties keep the retrieval rank.
  const ordered = [...groups.values()]
    .map((group) => [...group].sort((a, b) => a.unit.order - b.unit.order))
    .sort((a, b) => byDocumentDate(a[0].document, b[0].document));
  return ordered.flat().map((hit, i) => ({ n: i + 1, hit }));
}

/** "Prague 1997 Recommendations (1997)": the short title and the year, as the document headings name it. */
export function documentHeading(document: DocumentMeta): string {
  const year = documentYear(document);
  return year === null ? document.shortTitle : `${document.shortTitle} (${year})`;
}

/**
 * The passages as the model reads them: a `## Prague 1997 Recommendations (1997)` heading whenever the
 * document changes, then one passage per paragraph, `[1] Recommendation 18 (Section): text`. Given the output
 * of numberPassages, each document has one heading. (The section stays on the passage's line: a heading for
 * it would go stale at the units that sit outside any section between sectioned ones.)
 */
export function formatPassages(passages: readonly NumberedPassage[]): string {
  if (passages.length === 0) return '(no passages were found)';
  const blocks: string[] = [];
  let document: DocumentId | undefined;
  for (const passage of passages) {
    if (passage.hit.unit.documentId !== document) {
      document = passage.hit.unit.documentId;
      blocks.push(`## ${oneLine(documentHeading(passage.hit.document))}`);
    }
    blocks.push(formatPassage(passage));
  }
  return blocks.join('\n\n');
}

// One line per heading and passage keeps the numbering unambiguous: nothing in a title or a unit can start a
// line of its own. The unit text is not altered beyond whitespace.
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

function formatPassage({ n, hit }: NumberedPassage): string {
  const { unit } = hit;
  const where = oneLine([unit.label, unit.section ? `(${unit.section})` : ''].filter(Boolean).join(' '));
  const text = oneLine(unit.text);
  return where ? `[${n}] ${where}: ${text}` : `[${n}] ${text}`;
}
