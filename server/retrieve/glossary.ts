/**
 * @module server/retrieve/glossary
 * Expands a query across the documents' own terms and today's ("airlines" → "carriers", "people
 * smugglers" → "trafficking in aliens"). The groups are data (glossary.json); matching is on stemmed
 * terms so plural and verb forms match too.
 */
import { analyse } from '../../ingest/index/terms.js';
import glossaryData from './glossary.json' with { type: 'json' };

export interface Glossary {
  groups: string[][];
}

interface CompiledPhrase {
  phrase: string;
  terms: string[];
}

export interface QueryExpansion {
  /** Phrases from the glossary groups the query touched, excluding what the query already says. */
  phrases: string[];
  /** The groups matched, for debugging. */
  matched: string[];
}

function containsSequence(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export function compileGlossary(glossary: Glossary): (query: string) => QueryExpansion {
  const groups: CompiledPhrase[][] = glossary.groups.map((g) =>
    g.map((phrase) => ({ phrase, terms: analyse(phrase) })).filter((p) => p.terms.length > 0),
  );
  return (query: string) => {
    const queryTerms = analyse(query);
    const phrases = new Set<string>();
    const matched: string[] = [];
    for (const group of groups) {
      const hit = group.find((p) => containsSequence(queryTerms, p.terms));
      if (!hit) continue;
      matched.push(hit.phrase);
      for (const p of group) if (!containsSequence(queryTerms, p.terms)) phrases.add(p.phrase);
    }
    return { phrases: [...phrases], matched };
  };
}

/** The project's glossary, compiled once. */
export const expandQuery = compileGlossary(glossaryData as Glossary);
