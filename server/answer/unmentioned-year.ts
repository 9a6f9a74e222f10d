/**
 * @module server/answer/unmentioned-year
 * A question about a year no document mentions ("What was decided at the ministerial conference in 2024?")
 * cannot be answered from them: it is told so, with the newest document's year, instead of being answered
 * from whatever the topic search found about other years.
 */
import { documentYear } from '../../core/document-date.js';
import type { DocumentMeta } from '../../core/types.js';

export function describeUnmentionedYear(years: readonly string[], documents: readonly DocumentMeta[]): string | null {
  if (years.length === 0) return null;
  const dated = documents
    .map((d) => ({ d, year: documentYear(d) }))
    .filter((x): x is { d: DocumentMeta; year: number } => x.year !== null);
  const newest = dated.reduce<(typeof dated)[number] | undefined>((a, b) => (a && a.year >= b.year ? a : b), undefined);
  const named = years.join(' or ');
  const mentions = `No document mentions ${named}, so they do not say what happened then.`;
  return newest ? `${mentions} The newest of them is the ${newest.d.shortTitle} (${newest.year}).` : mentions;
}
