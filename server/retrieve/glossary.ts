/**
 * @module server/retrieve/glossary
 * Expands a query across the documents' own terms and today's ("people smugglers" → "trafficking in aliens").
 * The groups are data (glossary.json), each with the reason WordNet and the word vectors (bridges.ts) do not
 * already carry it; `npm run glossary:check` reports what they bridge. Matching is on stemmed terms so plural
 * and verb forms match too.
 */
import { analyse, tokenize } from '../../core/text/terms.js';
import glossaryData from './glossary.json' with { type: 'json' };
import { findPhrase } from '../../core/text/phrasal.js';

/** Terms that mean the same across the documents' wording and today's, and why neither resource links them. */
export interface GlossaryGroup {
  terms: string[];
  why: string;
}

export interface Glossary {
  groups: GlossaryGroup[];
}

interface CompiledPhrase {
  phrase: string;
  terms: string[];
}

export interface QueryExpansion {
  /** Phrases from the glossary groups the query touched, excluding what the query already says. */
  phrases: string[];
}

const containsSequence = (haystack: readonly string[], needle: readonly string[]) =>
  findPhrase(haystack, needle) !== null;

export function compileGlossary(glossary: Glossary): (query: string) => QueryExpansion {
  const groups: CompiledPhrase[][] = glossary.groups.map((g) =>
    g.terms.map((phrase) => ({ phrase, terms: analyse(phrase) })).filter((p) => p.terms.length > 0),
  );
  // Only a group with a phrase starting at one of the query's terms can match: most of the ~130 are skipped.
  const groupsByFirstTerm = new Map<string, number[]>();
  groups.forEach((group, g) => {
    for (const p of group) {
      const list = groupsByFirstTerm.get(p.terms[0]) ?? [];
      if (!list.includes(g)) list.push(g);
      groupsByFirstTerm.set(p.terms[0], list);
    }
  });
  return (query: string) => {
    const queryTerms = analyse(query);
    const phrases = new Set<string>();
    const candidates = new Set(queryTerms.flatMap((t) => groupsByFirstTerm.get(t) ?? []));
    for (const group of [...candidates].sort((a, b) => a - b).map((g) => groups[g])) {
      if (!group.some((p) => containsSequence(queryTerms, p.terms))) continue;
      for (const p of group) if (!containsSequence(queryTerms, p.terms)) phrases.add(p.phrase);
    }
    return { phrases: [...phrases] };
  };
}

/** A glossary phrase found in a query's terms: where, its terms, and the terms of its groups' other phrases. */
export interface PhraseMatch {
  start: number;
  terms: string[];
  equivalents: string[][];
}

/**
 * The glossary phrases in a sequence of query terms, longest first and not overlapping ("people smugglers"
 * before "smugglers"), a phrasal verb also split by its object ("sending people back"), each with its equivalents: the other phrases of every group it belongs to. Matching is
 * on the terms as given (already stemmed), never re-analysed: stemming a stem can change it
 * ("returne" → "return") and then miss the group.
 */
export function compilePhraseMatcher(glossary: Glossary): (queryTerms: readonly string[]) => PhraseMatch[] {
  const byKey = new Map<string, { terms: string[]; equivalents: Map<string, string[]> }>();
  for (const group of glossary.groups) {
    const compiled = group.terms.map((p) => analyse(p)).filter((t) => t.length > 0);
    for (const terms of compiled) {
      const key = terms.join(' ');
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { terms, equivalents: new Map() }));
      for (const other of compiled) if (other.join(' ') !== key) entry.equivalents.set(other.join(' '), other);
    }
  }
  const phrases = [...byKey.values()]
    .map((e) => ({ terms: e.terms, equivalents: [...e.equivalents.values()] }))
    .sort((a, b) => b.terms.length - a.terms.length);
  // Only a phrase starting with one of the query's terms can match: of some 800 phrases, a question reaches a few.
  const phrasesByFirstTerm = new Map<string, number[]>();
  phrases.forEach((p, i) => phrasesByFirstTerm.set(p.terms[0], [...(phrasesByFirstTerm.get(p.terms[0]) ?? []), i]));
  return (queryTerms) => {
    const taken = new Array<boolean>(queryTerms.length).fill(false);
    const out: PhraseMatch[] = [];
    const free = (position: number) => !taken[position];
    const candidates = [...new Set(queryTerms.flatMap((t) => phrasesByFirstTerm.get(t) ?? []))].sort((a, b) => a - b);
    for (const p of candidates.map((i) => phrases[i])) {
      for (let at = findPhrase(queryTerms, p.terms, free); at; at = findPhrase(queryTerms, p.terms, free)) {
        for (const position of at) taken[position] = true;
        out.push({ start: at[0], terms: p.terms, equivalents: p.equivalents });
      }
    }
    return out.sort((a, b) => a.start - b.start);
  };
}

/** Every word of a glossary, folded ("prison", "smugglers", "turkiye"). */
export function glossaryWords(glossary: Glossary = PROJECT_GLOSSARY): string[] {
  return [...new Set(glossary.groups.flatMap((g) => g.terms).flatMap((phrase) => tokenize(phrase)))];
}

/** A glossary ready for the query reader: expansion, phrase matching and its words for spelling. */
export interface CompiledGlossary {
  expand: (query: string) => QueryExpansion;
  matchPhrases: (queryTerms: readonly string[]) => PhraseMatch[];
  words: readonly string[];
  /** Whether a folded word is one of `words`. */
  knows: (word: string) => boolean;
}

/** "victims of trafficking" → "trafficking victims": a noun phrase with "of" read the other way round. */
const OF_PHRASE = /^([\p{L}-]+(?: [\p{L}-]+)?) of (?:the )?([\p{L}-]+(?: [\p{L}-]+)?)$/u;

/**
 * The glossary with each "A of B" phrase also written "B A" ("identification of victims" → "victims
 * identification", "countries of origin" → "origin countries"): people write either, and a phrase matcher reads
 * words in order. Written once here rather than by hand in every group.
 */
export function withWordOrderVariants(glossary: Glossary): Glossary {
  return {
    groups: glossary.groups.map((group) => {
      const variants = group.terms.flatMap((phrase) => {
        // A name keeps its order ("United States of America").
        const m = /\p{Lu}/u.test(phrase) ? null : OF_PHRASE.exec(phrase);
        return m ? [`${m[2]} ${m[1]}`] : [];
      });
      const terms = [...new Set([...group.terms, ...variants])];
      return terms.length === group.terms.length ? group : { ...group, terms };
    }),
  };
}

export function compile(source: Glossary): CompiledGlossary {
  const glossary = withWordOrderVariants(source);
  const words = glossaryWords(glossary);
  const known = new Set(words);
  return {
    expand: compileGlossary(glossary),
    matchPhrases: compilePhraseMatcher(glossary),
    words,
    knows: (word) => known.has(word),
  };
}

/** The project's glossary (glossary.json). */
export const PROJECT_GLOSSARY: Glossary = glossaryData as Glossary;
export const EMPTY_GLOSSARY: Glossary = { groups: [] };

/** The project's glossary, compiled once. */
export const projectGlossary: CompiledGlossary = compile(PROJECT_GLOSSARY);
export const noGlossary: CompiledGlossary = compile(EMPTY_GLOSSARY);
export const expandQuery = projectGlossary.expand;
export const matchPhrases = projectGlossary.matchPhrases;
