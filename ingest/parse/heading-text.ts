/**
 * @module ingest/parse/heading-text
 * How a heading reads in labels and sections, and the slug it lends to unit ids. Capitals-only
 * headings are re-cased by the document's own usage: "KEY FACTS ABOUT THE BUDAPEST PROCESS" →
 * "Key facts about the Budapest Process", because the text writes "Budapest Process" capitalised.
 */
import { isStopword, withoutTrailingNoise } from './prose.js';

interface CaseCounts {
  lower: number;
  capital: number;
  upper: number;
}

/** How each word is usually written in running text (sentence-initial words excluded). */
export type CaseUsage = Map<string, CaseCounts>;

export function caseUsageOf(runningText: string): CaseUsage {
  const usage: CaseUsage = new Map();
  const re = /([.!?]["'”’)]*\s+)?(\p{L}+)/gu;
  for (const m of runningText.matchAll(re)) {
    if (m[1] !== undefined) continue;
    const word = m[2];
    const counts = usage.get(word.toLowerCase()) ?? { lower: 0, capital: 0, upper: 0 };
    if (word.length > 1 && word === word.toUpperCase()) counts.upper++;
    else if (/^\p{Lu}/u.test(word)) counts.capital++;
    else counts.lower++;
    usage.set(word.toLowerCase(), counts);
  }
  return usage;
}

/** The heading as shown in sections and labels. */
export function displayHeading(heading: string, usage: CaseUsage): string {
  const text = withoutTrailingNoise(heading.replace(/^#+\s*/, ''), { keepNumbers: true })
    .replace(/\s*[-–—:|]+$/, '')
    .trim();
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters === '' || letters !== letters.toUpperCase()) return text;
  return text.replace(/\p{L}+/gu, (word, offset: number) => recase(word, offset === 0, usage));
}

function recase(word: string, first: boolean, usage: CaseUsage): string {
  const lower = word.toLowerCase();
  const counts = usage.get(lower);
  const capitalised = lower.charAt(0).toUpperCase() + lower.slice(1);
  if (counts && counts.upper > counts.capital + counts.lower) return word;
  if (first) return capitalised;
  if (isStopword(lower) || !counts) return lower;
  return counts.capital > counts.lower ? capitalised : lower;
}

/** Lower-case ASCII words of the heading joined by "-", at most `maxWords` of them. */
export function slugify(heading: string, maxWords = 6): string {
  const ascii = heading
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '');
  return (ascii.match(/[a-z0-9]+/g) ?? []).slice(0, maxWords).join('-');
}
