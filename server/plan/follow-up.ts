/**
 * @module server/plan/follow-up
 * Reads a question against the conversation before it. Both user and assistant turns are read, since a client
 * may send earlier answers as plain text: the units an answer names ("Recommendation 30 …", "paragraph 7 of the
 * 2005 report") are what "the next one", "that recommendation" and "who was to lead it?" refer to.
 * - A turn that adds only a document ("and what about the 2009 declaration?") keeps the earlier topic.
 * - A follow-up that adds only a topic ("and fraudulent documents?") keeps the earlier documents.
 * - "The next one", "the paragraph after that" step from the unit the conversation was about.
 * - A question that stands on its own (a new topic) inherits nothing.
 */
import { analyse, tokenize } from '../../core/text/terms.js';
import type { DocumentId } from '../../core/types.js';
import { formatReference, parseReferences, stepReference, type UnitReference } from '../retrieve/reference.js';
import { normaliseReferenceWords } from '../retrieve/reference-words.js';
import type { ChatTurn } from '../answer/types.js';
import { classifyIntent, stripRequestWords } from './intent.js';
import type { FollowUp } from './types.js';

export interface DocumentResolver {
  (text: string): { documents: DocumentId[]; topic: string };
}

export interface ResolvedQuestion {
  /** What to search for, standalone. */
  query: string;
  /** Documents carried from earlier turns, or null. */
  documents: DocumentId[] | null;
  followUp: FollowUp;
}

// Openings that mark a question as continuing the conversation rather than starting a new one.
const CONTINUATION =
  /^\s*(?:and|also|but|so|then|what about|how about|what of|same for|in that case|does it|do they|did it|did they|has it|have they|is it|are they|was it|were they|does that|do these|do those|is that|was that|and the)\b/i;
// "the next one", "the previous recommendation", "the paragraph after that": a step from the unit in question.
const STEP =
  /\b(?:next|following|subsequent|previous|preceding|prior)\b|\b(?:one|paragraph|recommendation|action|point|clause|recital) (?:before|after) (?:that|this|it)\b/i;
const STEP_BACK = /\b(?:previous|preceding|prior|before)\b/i;
// "the last action of that goal", "the first point of this clause": an end of the group of the unit in question
// (matched on the text as normaliseReferenceWords writes it: "action last of that goal").
const GROUP_END =
  /\b(action|point|item)\s+(\d{1,2}|last)\s+(?:of|in|under)\s+(?:that|this|the same|its|the)\s+(?:priority\s+goal|goal|clause)\b/;
// "its last action", "its first point", "the last action?": a member of the group of the unit in question, named
// without its group (as normaliseReferenceWords writes it: "its action last").
const GROUP_MEMBER_OF_IT = /\b(?:its|their)\s+(action|point|item)\s+(\d{1,2}|last)\b/;
const GROUP_MEMBER_ALONE =
  /^\W*(?:and\s+)?(?:what(?:'s|s| is| about)\s+)?the\s+(action|point|item)\s+(\d{1,2}|last)\W*$/i;
// "its other actions", "the rest of the points", "all its actions": the whole goal or clause of the unit in
// question.
const WHOLE_GROUP =
  /\b(?:its|their|the)\s+(?:other|remaining)\s+(?:actions|points)\b|\brest\s+of\s+(?:the\s+|its\s+)?(?:actions|points)\b|\ball\s+(?:of\s+)?its\s+(?:actions|points)\b|\bother\s+(?:actions|points)\s+(?:under|in|of)\s+(?:that|this|the same|it)\b/i;
// "that recommendation", "this paragraph", "the same action": the unit the conversation was about.
const UNIT_ANAPHORA =
  /\b(?:that|this|the same|the said|said|the above)\s+(?:recommendation|paragraph|para|action|clause|point|recital|consideration|priority goal|goal|provision|passage|one)\b/i;
const ANAPHORA = /\b(?:it|they|them|this|that|these|those|there|its|their|the same|above|mentioned|he|she|his|her)\b/i;
// "What does it say about…", "does it mention…": the pronoun is what speaks — a document, or a unit the person named.
const SPEAKER =
  /\b(?:does|did|do|will|would)\s+(?:it|they|this|that)\s+(?:also\s+)?(?:say|said|state|mention|recommend|propose|cover|address|talk|stress|include|promise|commit|call|ask|urge|encourage|suggest|support|foresee|want|plan)\b/i;
// "Which international organisations attended?", "who chaired?": a verb whose object is left out — the event the
// conversation was about.
const ELLIPTICAL =
  /\b(?:attended|chaired|co-chaired|hosted|organi[sz]ed|adopted|signed|endorsed|participated|took part|spoke|presented|funded|led)[\s?.!]*$/i;
// "Who organised it?", "when was it?", "where was that held?": a pronoun that stands for the event the
// conversation was about (a meeting, a conference), which its document records.
const EVENT_PRONOUN =
  /\b(?:organi[sz]ed|hosted|chaired|co-chaired|attended|convened|held|opened|closed)\s+(?:it|that|this)\b|^\W*(?:and\s+)?(?:when|where)\s+(?:was|is|did)\s+(?:it|that|this)(?:\s+(?:held|take place|happen|meet))?\W*$/i;
// "Which recommendation…", "what paragraph…": a question whose answer is a unit.
const ASKS_FOR_UNIT =
  /\b(?:which|what)\s+(?:(?:of\s+the\s+)?\w+\s+)?(?:recommendations?|paragraphs?|actions?|clauses?|points?|recitals?|considerations?|priority\s+goals?|goals?)\b/i;
// "Summarise both", "compare the two": the documents the conversation has been about, together.
const BOTH = /\b(?:both|the two|each of them|the pair)\b/i;
const BOTH_ANYWHERE = new RegExp(BOTH.source, 'gi');
// A pronoun that can stand for a unit or a thing ("who was to lead it?"), not for people ("what did they stress?").
const THING = /\b(?:it|its|this|that)\b/i;
// Words of a follow-up that carry no topic of their own ("and what about the 2009 declaration then?").
const FOLLOW_UP_FILLER = new Set([
  'about',
  'also',
  'then',
  'instead',
  'one',
  'ones',
  'same',
  'case',
  'well',
  'too',
  'now',
  'next',
  'previous',
  'after',
  'before',
  'following',
  'paragraph',
  'recommendation',
  'action',
  'point',
  'clause',
  'recital',
  'consideration',
  'goal',
  'priority',
  'under',
  'both',
  // "anything similar in the 2009 text?": like what the conversation was about.
  'similar',
  'comparable',
  'equivalent',
  'likewise',
  'look',
  'see',
  'read',
  // "was that brought up at the Vienna meeting too?": whether a text speaks of the topic, not a topic.
  'brought',
  'bring',
  'raised',
  'mentioned',
  'mention',
  'discussed',
  'covered',
  'up',
]);

// "that group", "this issue": a noun that stands for what the conversation was about, not a new topic.
const ANAPHORIC_NOUN =
  /\b(?:that|this|these|those|the same|said)\s+(?:group|groups|issue|issues|topic|thing|things|matter|subject|idea|project|projects|initiative|body|organisation|organization|measure|measures|commitment|proposal)\b/gi;

export function isFollowUp(question: string): boolean {
  if (CONTINUATION.test(question)) return true;
  if (ELLIPTICAL.test(question)) return true;
  if (UNIT_ANAPHORA.test(question)) return true;
  if (BOTH.test(question)) return true;
  if (/\balso\b/i.test(question) && ANAPHORA.test(question)) return true;
  return analyse(question).length <= 4 && (ANAPHORA.test(question) || STEP.test(question));
}

/** A turn's own topic: its words without document names, request framing or follow-up filler. */
function topicOf(text: string, resolve: DocumentResolver): string {
  // "Compare the two": the pair stands for documents, not a topic.
  const { topic } = resolve(stripRequestWords(text).replace(ANAPHORIC_NOUN, ' ').replace(BOTH_ANYWHERE, ' '));
  const words = tokenize(topic).filter((w) => !FOLLOW_UP_FILLER.has(w));
  return analyse(words.join(' ')).length > 0 ? topic : '';
}

/** The unit a turn is about: the first an answer names (its main citation), the last a question names. */
function unitOfTurn(turn: ChatTurn): UnitReference | null {
  const refs = parseReferences(turn.content).filter((r) => r.kind !== 'priority-goal' || turn.role === 'user');
  if (refs.length === 0) return null;
  return turn.role === 'assistant' ? refs[0] : refs[refs.length - 1];
}

/** Member `n` (or "last") of the goal or clause that `unit` belongs to or is; null for a unit in no such group. */
function groupMember(unit: UnitReference, n: string): UnitReference | null {
  if (unit.kind === 'priority-goal') return { kind: 'action', number: `${unit.number}.${n}` };
  if (unit.kind === 'clause') return { kind: 'point', number: `${unit.number}.${n}` };
  if (unit.kind === 'action' || unit.kind === 'point') {
    return { kind: unit.kind, number: `${unit.number.split('.')[0]}.${n}` };
  }
  return null;
}

/** The whole goal or clause `unit` belongs to or is, as a question asking for its members names it; null for a
 * unit in no such group. */
function wholeGroup(unit: UnitReference): string | null {
  const group = unit.number.split('.')[0];
  if (unit.kind === 'priority-goal' || unit.kind === 'action') return `the actions under Priority Goal ${group}`;
  if (unit.kind === 'clause' || unit.kind === 'point') return `the points of clause (${group})`;
  return null;
}

/** The last `n` distinct documents the conversation named, latest first (questions before answers). */
function lastDocuments(earlier: readonly ChatTurn[], resolve: DocumentResolver, n: number): DocumentId[] {
  const found: DocumentId[] = [];
  for (const role of ['user', 'assistant'] as const)
    for (const turn of earlier)
      if (turn.role === role)
        for (const id of resolve(turn.content).documents) if (!found.includes(id) && found.length < n) found.push(id);
  return found;
}

/** The documents the conversation was last about: the latest turn that names some (questions before answers). */
function documentsOf(earlier: readonly ChatTurn[], resolve: DocumentResolver): DocumentId[] | null {
  for (const role of ['user', 'assistant'] as const) {
    for (const turn of earlier) {
      if (turn.role !== role) continue;
      const found = resolve(turn.content).documents;
      if (found.length > 0) return found;
    }
  }
  return null;
}

/** The documents a conversation was last about (see documentsOf), from its turns in order; null when none. */
export function conversationDocuments(history: readonly ChatTurn[], resolve: DocumentResolver): DocumentId[] | null {
  return documentsOf([...history].reverse(), resolve);
}

/** The documents of the unit a turn names: those the same turn names ("Recommendation 18 of the Prague 1997
 * Recommendations"), else those the conversation was last about. A later turn on another document ("what
 * about the 2009 one?") does not move Recommendation 18 into it. */
function unitDocuments(turn: ChatTurn, earlier: readonly ChatTurn[], resolve: DocumentResolver): DocumentId[] | null {
  const own = resolve(turn.content).documents;
  return own.length > 0 ? own : documentsOf(earlier, resolve);
}

export function resolveFollowUp(
  question: string,
  history: readonly ChatTurn[],
  resolve: DocumentResolver,
): ResolvedQuestion {
  const alone: ResolvedQuestion = { query: question, documents: null, followUp: { carried: 'nothing' } };
  // Latest first.
  const earlier = [...history].reverse().filter((t) => t.content.trim().length > 0);
  if (earlier.length === 0) return alone;
  const own = resolve(question);
  const ownRefs = parseReferences(question);
  const followUp = isFollowUp(question);
  const normalised = normaliseReferenceWords(question);
  const groupEnd =
    ownRefs.length === 0
      ? (GROUP_END.exec(normalised) ?? GROUP_MEMBER_OF_IT.exec(normalised) ?? GROUP_MEMBER_ALONE.exec(normalised))
      : null;
  const stepping = STEP.test(question) && ownRefs.length === 0;
  const pointing = UNIT_ANAPHORA.test(question) && ownRefs.length === 0;

  if (WHOLE_GROUP.test(question) && ownRefs.length === 0) {
    for (const turn of earlier) {
      const unit = unitOfTurn(turn);
      if (!unit) continue;
      const group = wholeGroup(unit);
      if (!group) break;
      const documents = own.documents.length > 0 ? own.documents : unitDocuments(turn, earlier, resolve);
      return { query: `What are ${group}?`, documents, followUp: { carried: 'unit', from: turn.content } };
    }
  }

  if (stepping || pointing || groupEnd) {
    for (const turn of earlier) {
      const unit = unitOfTurn(turn);
      if (!unit) continue;
      const target = groupEnd
        ? groupMember(unit, groupEnd[2])
        : stepping
          ? stepReference(unit, STEP_BACK.test(question) ? -1 : 1)
          : unit;
      if (!target) break;
      const documents = own.documents.length > 0 ? own.documents : unitDocuments(turn, earlier, resolve);
      const named = formatReference(target);
      const rest = groupEnd ? '' : topicOf(question.replace(UNIT_ANAPHORA, ' ').replace(STEP, ' '), resolve);
      return {
        query: rest ? `${named}: ${question}` : named,
        documents,
        followUp: { carried: 'unit', from: turn.content },
      };
    }
  }

  if (!followUp && own.documents.length === 0) return alone;
  const ownTopic = topicOf(question, resolve);
  const earlierTopic = earlier
    .filter((t) => t.role === 'user')
    .map((t) => ({ text: t.content, topic: topicOf(t.content, resolve) }))
    .find((t) => t.topic.length > 0);

  if (own.documents.length > 0) {
    // Names its documents: a new question about them, unless it adds nothing else (then the topic carries).
    if (ownTopic || !earlierTopic || !followUp) return alone;
    return {
      query: `${earlierTopic.topic} ${question}`,
      documents: null,
      followUp: { carried: 'topic', from: earlierTopic.text },
    };
  }

  // "Summarise both": the two documents last named, on the topic the conversation was on.
  const pair = BOTH.test(question) ? lastDocuments(earlier, resolve, 2) : [];
  const documents = pair.length === 2 ? pair : documentsOf(earlier, resolve);
  // "And what does it say about integration?" after a question about a document: a new topic in that document,
  // even when the answer named units. Only a unit the person named is what "it" says things.
  const userNamedUnit = earlier.some((t) => t.role === 'user' && parseReferences(t.content).length > 0);
  if (ownTopic && SPEAKER.test(question) && !userNamedUnit && documents) {
    return { query: question, documents, followUp: { carried: 'scope' } };
  }
  if (EVENT_PRONOUN.test(question) && ownRefs.length === 0 && documents) {
    return { query: question, documents, followUp: { carried: 'scope' } };
  }
  // A pronoun with a unit in the previous turn ("who was to lead it?") is about that unit — when the unit was what
  // the conversation was about: the person named it or asked which one it was, or the answer was about it alone.
  // After an answer that went through several units on a topic, "it" in "how long can they go to prison for it?"
  // is the topic, not the unit the answer happened to open with.
  const latestUnit = earlier[0] ? unitOfTurn(earlier[0]) : null;
  const latestQuestion = earlier.find((t) => t.role === 'user');
  const answerOnOneUnit =
    earlier[0]?.role === 'assistant' &&
    new Set(parseReferences(earlier[0].content).map((r) => `${r.kind}:${r.number}`)).size === 1;
  const unitIsSubject =
    userNamedUnit ||
    answerOnOneUnit ||
    !ownTopic ||
    (latestQuestion !== undefined && ASKS_FOR_UNIT.test(latestQuestion.content));
  // "How did that change later?" traces what the unit was about through later texts, not the unit itself.
  const traces = classifyIntent(question) === 'timeline';
  if (latestUnit && THING.test(question) && ownRefs.length === 0 && unitIsSubject && !traces) {
    return {
      query: `${formatReference(latestUnit)}: ${question}`,
      documents: unitDocuments(earlier[0], earlier, resolve),
      followUp: { carried: 'unit', from: earlier[0].content },
    };
  }
  // A pronoun stands for the earlier topic ("who funded it?" after a question about a project): the topic
  // carries even when the follow-up adds words of its own.
  const pronounForTopic = (THING.test(question) && analyse(question).length <= 5) || (pair.length === 2 && !ownTopic);
  if (!earlierTopic || (ownTopic && !pronounForTopic)) {
    return documents ? { query: question, documents, followUp: { carried: 'scope' } } : alone;
  }
  return {
    // "the two" has done its work in naming the documents; searched, "two" would meet "forms in two languages".
    query: `${earlierTopic.topic} ${pair.length === 2 ? question.replace(BOTH_ANYWHERE, ' ').replace(/\s+/g, ' ').trim() : question}`,
    documents,
    followUp: { carried: documents ? 'topic-and-scope' : 'topic', from: earlierTopic.text },
  };
}
