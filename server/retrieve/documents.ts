/**
 * @module server/retrieve/documents
 * Finds the documents a question names ("Prague 1997", "the 2009 declaration", "the Vienna meeting",
 * "the Call for Action") from each document's aliases, year and place, so the search can be restricted
 * to them. "Prague" alone names every Prague document.
 */
import { analyse } from '../../core/text/terms.js';
import { documentYear } from '../../core/document-date.js';
import { foldText, tokenize } from '../../core/text/terms.js';
import type { DocumentId, DocumentMeta } from '../../core/types.js';
import { indexOfSequence } from './sequence.js';

export interface DocumentResolution {
  documents: DocumentId[];
  /** The query with the words that named documents removed, so they do not skew the topic search; "" when
   * the query only named documents. */
  topic: string;
}

interface DocumentNames {
  id: DocumentId;
  phrases: string[][];
  year: string | null;
  place: string | null;
}

// Words too generic to name a document on their own, even when they are part of an alias.
const GENERIC = new Set([
  'the',
  'budapest',
  'process',
  'of',
  'and',
  'on',
  'in',
  'for',
  'a',
  'joint',
  'conference',
  'ministerial',
  'meeting',
  'declaration',
  'recommendations',
  'document',
]);

// What a named document is, as a question names it when it names nothing else ("the Vienna 2005 meeting").
const DOCUMENT_KIND_TERMS = new Set(
  analyse(
    'meeting meetings conference conferences declaration text texts document documents recommendations report publication booklet plan paper',
  ),
);

// Who speaks in a document and what it does with its content, as a question about the whole of it puts it
// ("what did the 1997 ministers agree?", "what did the Vienna meeting conclude?", "the main points of the
// 2009 declaration"): no topic of their own.
const DOCUMENT_TALK_TERMS = new Set(
  analyse(
    'ministers minister participants conclude concluded conclusions conclusion agree agreed agreement decide decided decisions outcome outcomes result results discuss discussed main key points content contents cover covers covered contain contains say says said',
  ),
);

// Nouns that, right after a year or a place that names a document ("the 2019 plan", "the 97 text"), name the
// document too rather than the topic. Not "meeting" or "conference": a question about the event is about them.
const DOCUMENT_NOUNS = new Set([
  'plan',
  'text',
  'texts',
  'document',
  'documents',
  'declaration',
  'recommendations',
  'deal',
  'agreement',
  'report',
  'paper',
  'publication',
  'brochure',
  'statement',
]);

function phraseTokens(text: string): string[] {
  return tokenize(text).filter((t) => t !== 'the');
}

// Words a reader uses for the same kind of document or the same span ("the 30-year booklet", "the anniversary
// brochure" for "the 30 years publication"), one form each, so that an alias names the document in any of them.
const NAME_FORMS: ReadonlyMap<string, string> = new Map([
  ['booklet', 'publication'],
  ['brochure', 'publication'],
  ['book', 'publication'],
  ['edition', 'publication'],
  ['years', 'year'],
]);

/** A name's tokens in the one form NAME_FORMS gives them, for matching names only (the topic keeps its words). */
function nameForms(tokens: readonly string[]): string[] {
  return tokens.map((t) => NAME_FORMS.get(t) ?? t);
}

export function compileDocumentNames(documents: DocumentMeta[]): DocumentNames[] {
  return documents.map((d) => ({
    id: d.id,
    phrases: [d.shortTitle, ...d.aliases]
      .map((alias) => nameForms(phraseTokens(alias)))
      .filter((p) => p.length > 0 && p.some((t) => !GENERIC.has(t))),
    year: ((y) => (y === null ? null : String(y)))(documentYear(d)),
    place: d.place ? foldText(d.place) : null,
  }));
}

/**
 * Documents named by the query. A full alias is the strongest sign; a year or a place names the
 * documents dated or held there (a year and a place together must agree).
 */
const YEAR_PAIR =
  /\b(\d\d)\s*(?:with|and|to|vs\.?|versus|-|–)\s*['’]?(?:\d\d|(?:19|20)\d\d)\b|\b(?:(?:19|20)\d\d|['’]?\d\d)\s*(?:with|and|to|vs\.?|versus|-|–)\s*['’]?(\d\d)\b/gi;
const YEAR_AT_END = /\b(?:in|from|since|of)\s+(\d\d)(?=\s*(?:[?.!,;:)]|$))/gi;

export function resolveDocuments(query: string, names: DocumentNames[]): DocumentResolution {
  const tokens = phraseTokens(query);
  const forms = nameForms(tokens);
  const used = new Set<number>();
  const found = new Set<DocumentId>();
  const markUsed = (start: number, length: number) => {
    for (let i = start; i < start + length; i++) used.add(i);
  };

  for (const doc of names) {
    for (const phrase of doc.phrases) {
      const at = indexOfSequence(forms, phrase);
      if (at >= 0) {
        found.add(doc.id);
        markUsed(at, phrase.length);
      }
    }
  }

  // Years and places count only where no alias already used them ("the Prague Recommendations" is not "Prague").
  const free = tokens.filter((_, i) => !used.has(i));
  const years = new Set(free.filter((t) => /^(?:19|20)\d\d$/.test(t)));
  // "Prague 97", "back in '97": a two-digit year after a place or an apostrophe names that year.
  const placeNames = new Set(names.map((n) => n.place).filter((p): p is string => p !== null));
  const twoDigit: string[] = [];
  for (const m of query.matchAll(/(?:['’‘]|\b([a-z]+)\s+)(\d\d)\b/gi))
    if (m[1] === undefined || placeNames.has(foldText(m[1]))) twoDigit.push(m[2]);
  // "Compare 97 with 2009", "1997 vs 09", "back in 97?": beside another year, or closing a phrase after "in".
  for (const m of query.matchAll(YEAR_PAIR)) twoDigit.push(...[m[1], m[2]].filter((d): d is string => d !== undefined));
  for (const m of query.matchAll(YEAR_AT_END)) twoDigit.push(m[1]);
  // "the 97 text", "the 09 declaration": a two-digit year before a document noun.
  for (const m of query.matchAll(/\b(\d\d)\s+([a-z]+)\b/gi))
    if (DOCUMENT_NOUNS.has(m[2].toLowerCase())) twoDigit.push(m[1]);
  for (const digits of twoDigit) {
    const year = `${Number(digits) >= 50 ? '19' : '20'}${digits}`;
    if (names.some((n) => n.year === year)) {
      years.add(year);
      tokens.forEach((t, i) => t === digits && used.add(i));
    }
  }
  const places = new Set(names.map((n) => n.place).filter((p): p is string => p !== null && free.includes(p)));
  // With both a year and a place given, a document must match both when any document does.
  const bothExist = names.some((n) => n.year !== null && years.has(n.year) && n.place !== null && places.has(n.place));
  // "From 1997 to 2019", "between 2005 and 2009": every document dated within the span.
  for (const m of query.matchAll(
    /\b(?:from|between|since)\s+((?:19|20)\d\d)\s*(?:to|and|until|till|through|-|–)\s*((?:19|20)\d\d)\b/gi,
  )) {
    const [low, high] = [Number(m[1]), Number(m[2])].sort((a, b) => a - b);
    for (const doc of names)
      if (doc.year !== null && Number(doc.year) >= low && Number(doc.year) <= high) years.add(doc.year);
  }
  // "Since 1997" with no end year: every document dated from then on.
  for (const m of query.matchAll(
    /\bsince\s+((?:19|20)\d\d)\b(?!\s*(?:to|and|until|till|through|-|–)\s*(?:19|20)\d\d)/gi,
  ))
    for (const doc of names) if (doc.year !== null && Number(doc.year) >= Number(m[1])) years.add(doc.year);
  for (const doc of names) {
    const yearHit = doc.year !== null && years.has(doc.year);
    const placeHit = doc.place !== null && places.has(doc.place);
    if (!yearHit && !placeHit) continue;
    if (bothExist && !(yearHit && placeHit)) continue;
    found.add(doc.id);
  }
  tokens.forEach((t, i) => {
    if (years.has(t) && names.some((n) => n.year === t)) used.add(i);
    if (places.has(t)) used.add(i);
  });
  for (const i of [...used]) if (DOCUMENT_NOUNS.has(tokens[i + 1] ?? '')) used.add(i + 1);

  const topic = tokens.filter((_, i) => !used.has(i)).join(' ');
  const documents = names.filter((n) => found.has(n.id)).map((n) => n.id);
  // "Summarise the Vienna 2005 meeting": left with only the kind of thing the named document is, the question
  // asks about the document itself, not a topic in it.
  const onlyKind =
    documents.length > 0 && analyse(topic).every((t) => DOCUMENT_KIND_TERMS.has(t) || DOCUMENT_TALK_TERMS.has(t));
  return { documents, topic: onlyKind ? '' : topic };
}
