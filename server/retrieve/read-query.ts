/**
 * @module server/retrieve/read-query
 * Reads a query once, before anything searches or weighs it: misspelt words read as the documents' own, the
 * documents it names and the topic left without them, the scope, the units it names exactly, its concepts,
 * glossary expansion and WordNet/word-vector bridges. The question plan holds this reading, and the retriever,
 * the evidence check and the writers take it from there rather than reading the query again.
 */
import { documentYear } from '../../core/document-date.js';
import { analyse } from '../../core/text/terms.js';
import type { DocumentId } from '../../core/types.js';
import { compileDocumentNames, resolveDocuments } from './documents.js';
import { commonWords, type RetrievalContext } from './context.js';
import { findReferencedUnits, parseReferences } from './reference.js';
import { createSpellingCorrector } from './spelling.js';
import { conceptsOf } from './term-stats.js';
import type { DocumentMeta } from '../../core/types.js';
import type { QueryReading, ReadRequest } from './types.js';

export type QueryReader = (request: ReadRequest) => QueryReading;

const YEAR = /\b(?:19|20)\d\d\b/g;

/** The years a text names, in order, each once. */
export function yearsIn(text: string): string[] {
  return [...new Set(text.match(YEAR) ?? [])];
}

/** Years after `newest` that the text names as a point in time, not as the end of a span ("2019-2024"),
 * which names a period the documents may describe. */
function laterYearsIn(text: string, newest: number): string[] {
  const ends = new Set([...text.matchAll(/\b(?:19|20)\d\d\s*[-–—]\s*((?:19|20)\d\d)\b/g)].map((m) => m[1]));
  return yearsIn(text).filter((y) => Number(y) > newest && !ends.has(y));
}

/**
 * The caller's documents, else those the query names, else the fallback (a follow-up's carried documents, or
 * every one); null = all. The named or carried documents bring their companions (a history that recounts them).
 */
function scopeOf(request: ReadRequest, named: DocumentId[]): { scope: DocumentId[] | null; companions: DocumentId[] } {
  if (request.documents?.length) return { scope: [...request.documents], companions: [] };
  const base = named.length > 0 ? named : (request.otherwise ?? []);
  if (base.length === 0) return { scope: null, companions: [] };
  const companions = [
    ...new Set(base.flatMap((id) => request.companions?.get(id) ?? []).filter((id) => !base.includes(id))),
  ];
  return { scope: [...new Set([...base, ...companions])], companions };
}

/** For each document, the documents that recount it (DocumentMeta.recounts, read the other way). */
export function recountedBy(documents: readonly DocumentMeta[]): ReadonlyMap<DocumentId, readonly DocumentId[]> {
  const by = new Map<DocumentId, DocumentId[]>();
  for (const doc of documents) for (const id of doc.recounts ?? []) by.set(id, [...(by.get(id) ?? []), doc.id]);
  return by;
}

export function createQueryReader(ctx: RetrievalContext): QueryReader {
  const { index, stats } = ctx;
  const corpusYears = new Set(index.units.flatMap((u) => yearsIn(u.text)));
  const newestYear = Math.max(...index.documents.map((d) => documentYear(d) ?? -Infinity));
  const names = compileDocumentNames(index.documents);
  const correctSpelling = createSpellingCorrector(
    index.lexical,
    stats,
    commonWords(ctx.embedder),
    stats.glossary.words,
    index.lexicon.vocabulary,
  );
  return (request) => {
    // Misspelt words are read as the documents' own before anything else looks at the query.
    const { query, corrections } = correctSpelling(request.query);
    const resolution = resolveDocuments(query, names);
    const { scope, companions } = scopeOf(request, resolution.documents);
    // Words that only named a document would otherwise pull in every unit that mentions the place.
    const topic = resolution.documents.length > 0 ? resolution.topic : query;
    const references = parseReferences(query);
    const bridges = stats.bridgesOf(topic);
    return {
      query,
      corrections,
      named: resolution.documents,
      topic,
      topicTerms: analyse(topic),
      scope,
      companions,
      references,
      // "Paragraph 2 of the Vienna meeting" is Vienna's: a companion history is searched, not referred to.
      referenced: findReferencedUnits(references, index.units, scope?.filter((id) => !companions.includes(id)) ?? null),
      concepts: conceptsOf(topic, stats, bridges),
      expansion: stats.glossary.expand(topic).phrases,
      unmentionedYears: yearsIn(query).filter((y) => !corpusYears.has(y)),
      laterYears: laterYearsIn(query, newestYear),
      bridges,
    };
  };
}

/**
 * A reading from document names and unit numbers alone: no spelling, concepts or expansion, and no unit
 * looked up. For a client that searches over HTTP (the server then reads the query in full) and for tests of
 * the plan that need no index.
 */
export function createNameReader(documents: DocumentMeta[]): QueryReader {
  const names = compileDocumentNames(documents);
  return (request) => {
    const resolution = resolveDocuments(request.query, names);
    const topic = resolution.documents.length > 0 ? resolution.topic : request.query;
    const { scope, companions } = scopeOf(request, resolution.documents);
    return {
      query: request.query,
      corrections: [],
      named: resolution.documents,
      topic,
      topicTerms: analyse(topic),
      scope,
      companions,
      references: parseReferences(request.query),
      referenced: [],
      concepts: [],
      expansion: [],
      unmentionedYears: [],
      laterYears: [],
      bridges: new Map(),
    };
  };
}

/** The documents a reading searches, as a set for the index's group filter; null = all. */
export function scopeSet(reading: QueryReading): Set<DocumentId> | null {
  return reading.scope ? new Set(reading.scope) : null;
}
