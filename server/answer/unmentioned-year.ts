/**
 * @module server/answer/unmentioned-year
 * A question about a year no document mentions ("What was decided at the ministerial conference in 2025?")
 * cannot be answered from them: it is told so, with the newest document's year, instead of being answered
 * from whatever the topic search found about other years. Nor can a question about what was done in a year
 * after the newest document ("What was decided at the 2024 conference?", the newest being from 2023): the
 * documents mention that year only as ahead of them.
 */
import { documentYear } from '../../core/document-date.js';
import type { DocumentMeta } from '../../core/types.js';

function newestDocument(documents: readonly DocumentMeta[]): { d: DocumentMeta; year: number } | undefined {
  const dated = documents
    .map((d) => ({ d, year: documentYear(d) }))
    .filter((x): x is { d: DocumentMeta; year: number } => x.year !== null);
  return dated.reduce<(typeof dated)[number] | undefined>((a, b) => (a && a.year >= b.year ? a : b), undefined);
}

// Asked as done ("what was decided", "who attended", "did they adopt"), not as planned ("what is planned for
// 2024", "what was to be decided", "when will it meet").
const ASKS_WHAT_WAS_DONE =
  /\b(?:was|were|did|happened|took place|decided|adopted|agreed|attended|chaired|hosted|held|met|launched|signed|endorsed|concluded|outcomes?|results?)\b/i;
const ASKS_WHAT_IS_AHEAD =
  /\b(?:will|shall|plan(?:s|ned)?|expected|scheduled|due|foreseen|envisaged|upcoming|next|to be|going to|prepar\w*)\b/i;

/** For a question about what was done in a year after the newest document, what the documents can say. */
export function describeLaterYear(
  question: string,
  laterYears: readonly string[],
  documents: readonly DocumentMeta[],
): string | null {
  if (laterYears.length === 0 || !ASKS_WHAT_WAS_DONE.test(question) || ASKS_WHAT_IS_AHEAD.test(question)) return null;
  const newest = newestDocument(documents);
  if (!newest) return null;
  const named = laterYears.join(' or ');
  return (
    `The newest of the documents, the ${newest.d.shortTitle}, is from ${newest.year}: it mentions ${named} only ` +
    `as ahead, so the documents do not say what happened then.`
  );
}

export function describeUnmentionedYear(years: readonly string[], documents: readonly DocumentMeta[]): string | null {
  if (years.length === 0) return null;
  const newest = newestDocument(documents);
  const named = years.join(' or ');
  const mentions = `No document mentions ${named}, so they do not say what happened then.`;
  return newest ? `${mentions} The newest of them is the ${newest.d.shortTitle} (${newest.year}).` : mentions;
}
