/**
 * @module server/answer/unit-count
 * "How many recommendations did Prague adopt in 1997?", "how many actions are in the Call for Action?": the
 * documents do not say the number in words, but their own structure does — the Prague 1997 Recommendations run
 * from Recommendation 1 to Recommendation 55. The answer gives that count with the first and last units cited,
 * and, when another document states a number for it in words (the 30-years publication's "41 concrete
 * actions"), quotes that too: the two may differ, and a reader should see both.
 */
import { holdsAnswerKind } from '../plan/answer-kind.js';
import type { QueryPlan } from '../plan/types.js';
import type { DocumentMeta, Unit, UnitKind } from '../../core/types.js';
import type { SearchHit, SearchResult } from '../retrieve/types.js';
import { cleanSpans, firstSentence, toCitation } from './citation.js';
import type { UnitInventory } from './inventory.js';
import { askedDocumentIds, namedHit } from './named-hit.js';
import type { AnswerMode, ChatReply } from './types.js';
import { capitalise, documentName, isPluralTitle } from './write/statement.js';

// The plural a count question uses for a kind of unit; a unit kind counted in one document only.
// The plural must be what is counted ("how many recommendations", "the number of separate actions"), not a
// document's name elsewhere in the question ("within how many days … under the 1997 Recommendations?").
const counting = (plural: string) =>
  new RegExp(
    `\\b(?:how\\s+many|number\\s+of|count)\\s+(?:of\\s+(?:the|its|their)\\s+)?(?:[a-z-]+\\s+){0,2}?${plural}\\b`,
    'i',
  );
const COUNTED_KINDS: readonly [RegExp, UnitKind, string][] = [
  [counting('recommendations'), 'recommendation', 'recommendations'],
  [counting('considerations'), 'consideration', 'considerations'],
  [counting('actions'), 'action', 'actions'],
  [counting('paragraphs'), 'paragraph', 'paragraphs'],
  [counting('recitals'), 'preamble', 'recitals'],
  [counting('points'), 'point', 'points'],
];

export interface UnitCount {
  document: DocumentMeta;
  noun: string;
  units: Unit[];
}

/** The units a count question asks to count: of the kind it names, in the one document it asks about. */
export function unitCount(plan: QueryPlan, inventory: UnitInventory): UnitCount | null {
  if (plan.answerKind !== 'count' || plan.reading.references.length > 0) return null;
  const asked = askedDocumentIds(plan);
  if (asked !== null && asked.length !== 1) return null;
  for (const [words, kind, noun] of COUNTED_KINDS) {
    if (!words.test(plan.question)) continue;
    const ofKind = inventory.units.filter((u) => u.kind === kind && (asked === null || asked.includes(u.documentId)));
    // Asked of no document: only a kind that one document alone has ("how many recommendations are there?").
    const documents = new Set(ofKind.map((u) => u.documentId));
    if (documents.size !== 1 || ofKind.length < 2) continue;
    const document = inventory.documents.find((d) => documents.has(d.id));
    if (document) return { document, noun, units: [...ofKind].sort((a, b) => a.order - b.order) };
  }
  return null;
}

/** The reply giving the count of the asked units, or null when the question asks for no such count. */
export function unitCountReply(
  plan: QueryPlan,
  result: SearchResult,
  inventory: UnitInventory,
  mode: AnswerMode,
): ChatReply | null {
  const counted = unitCount(plan, inventory);
  if (!counted) return null;
  const { document, noun, units } = counted;
  const first = namedHit(units[0], inventory);
  const last = namedHit(units[units.length - 1], inventory);
  const quote = (h: SearchHit) => firstSentence(h.unit.text);
  const citations = [toCitation(1, first, quote(first)), toCitation(2, last, quote(last))];
  const verb = isPluralTitle(document) ? 'number' : 'numbers';
  let answer =
    `${capitalise(documentName(document))} ${verb} ${units.length} ${noun}, ` +
    `from ${first.unit.label} [1] to ${last.unit.label} [2].`;
  // Another document that states a count of them in words (a history recounting the text).
  const kindWord = new RegExp(`\\b${noun}\\b`, 'i');
  const counts = (text: string) => kindWord.test(text) && holdsAnswerKind(text, 'count', plan.question);
  for (const hit of result.hits) {
    if (hit.unit.documentId === document.id) continue;
    const sentence = cleanSpans(hit.unit.text).find((span) => counts(span.text))?.text;
    if (!sentence) continue;
    citations.push(toCitation(3, hit, sentence));
    answer += ` ${capitalise(documentName(hit.document))} gives a number in words: “${sentence}” [3]`;
    break;
  }
  return { answer, citations, grounded: true, mode };
}
