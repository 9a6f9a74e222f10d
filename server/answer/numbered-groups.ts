/**
 * @module server/answer/numbered-groups
 * "What are the priority goals of the Call for Action?": the Call for Action numbers its priority goals and gives
 * them no titles, so no unit names one; the goals are the document's own grouping of its actions. The answer
 * says so, counts them and their units, and shows each goal by its first unit; a history that describes them in
 * words (the 30-years publication's "six priority goals") is quoted as well.
 */
import type { QueryPlan } from '../plan/types.js';
import type { SearchResult } from '../retrieve/types.js';
import { cleanSpans, firstSentence, toCitation } from './citation.js';
import { numberedHeadingsAsked } from './heading-list.js';
import type { UnitInventory } from './inventory.js';
import { namedHit } from './named-hit.js';
import type { AnswerMode, ChatReply } from './types.js';
import { capitalise, documentName, isPluralTitle } from './write/statement.js';

const plural = (noun: string, n: number) => (n === 1 ? noun : `${noun}s`);

/** The reply listing the numbered groups a list question asks for, or null when it asks for none. */
export function numberedGroupsReply(
  plan: QueryPlan,
  result: SearchResult,
  inventory: UnitInventory,
  mode: AnswerMode,
): ChatReply | null {
  const groups = numberedHeadingsAsked(plan, inventory);
  if (!groups) return null;
  const document = inventory.documents.find((d) => d.id === groups[0].documentId);
  if (!document) return null;
  const groupNoun = groups[0].noun;
  const unitNoun = groups[0].units[0].kind;
  const total = groups.reduce((n, g) => n + g.units.length, 0);
  const citations = groups.map((g, i) => {
    const hit = namedHit(g.units[0], inventory);
    return toCitation(i + 1, hit, firstSentence(hit.unit.text));
  });
  const verb = isPluralTitle(document) ? 'have' : 'has';
  const named = groups.map((g, i) => `${g.name} [${i + 1}]`);
  const subject =
    `${capitalise(documentName(document))} ${verb} ${groups.length} ${plural(groupNoun, groups.length)}: ` +
    `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
  // Titled parts ("Phase 2" over "Eastward geographic expansion", …) are told by their headings; untitled ones
  // ("Priority Goal 2" over its actions) by their first unit.
  const titled = groups.every((g) => g.subheadings.length > 0);
  const lead = titled
    ? `${subject}, each told under headings of its own:`
    : `${subject}, numbered rather than titled, with ${total} ${plural(unitNoun, total)} between them. ` +
      `The first ${unitNoun} of each:`;
  const lines = groups.map((g, i) =>
    titled
      ? `${i + 1}. ${g.name}: ${g.subheadings.join('; ')} [${i + 1}]`
      : `${i + 1}. ${g.name} (${g.units.length} ${plural(unitNoun, g.units.length)}): “${citations[i].quote}” [${i + 1}]`,
  );
  const parts = [lead, lines.join('\n')];
  // A history that names them in words ("41 concrete actions, under the six priority goals").
  const inWords = new RegExp(`\\b${plural(groupNoun, 2).replace(/\s+/g, '\\s+')}\\b`, 'i');
  for (const hit of result.hits) {
    if (hit.unit.documentId === document.id) continue;
    const sentence = cleanSpans(hit.unit.text).find((span) => inWords.test(span.text))?.text;
    if (!sentence) continue;
    const n = citations.length + 1;
    citations.push(toCitation(n, hit, sentence));
    parts.push(`${capitalise(documentName(hit.document))}, ${hit.unit.label}: “${sentence}” [${n}]`);
    break;
  }
  return { answer: parts.join('\n\n'), citations, grounded: true, mode };
}
