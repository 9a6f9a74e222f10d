/**
 * @module server/retrieve/sequence
 * Where a run of tokens stands in another ("trafficking in aliens" in a question's terms), shared by document
 * resolution and the glossary.
 */

/** The first position of `needle` in `haystack`, or -1; an empty needle is never found. */
export function indexOfSequence(haystack: readonly string[], needle: readonly string[]): number {
  if (needle.length === 0) return -1;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
