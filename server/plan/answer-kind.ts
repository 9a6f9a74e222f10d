/**
 * @module server/plan/answer-kind
 * The kind of fact a question asks for ("how much" → an amount, "when" → a date, "who" → a body), and whether
 * a text holds one. An answer that asks for a specific the cited passages do not hold is only partly answered:
 * the writer says so instead of presenting the topic's passages as the answer.
 */
import type { AnswerKind, Intent } from './types.js';

const AMOUNT =
  /\bhow (?:big|large|high|heavy|steep) (?:a |an |is |was |were |are )?(?:fine|fines|penalty|penalties|budget|sum|amount|fee|fees|grant|grants|salary|cost|contribution)\b|\bhow much\b(?!\s+(?:attention|emphasis|weight|importance|progress|detail|say|did|does|do))|\bhow much (?:did|does|do|will|would) [^?]*\b(?:cost|spen[dt]|paid|pay|worth|fund)|\b(?:budgets?|annual(?:ly)? (?:funding|contribution)|(?:amount|sum) of (?:money|funding)|(?:in|how many) (?:euros?|dollars?))\b|\bwhat (?:is|was|were|are) the (?:cost|costs|price|salary|fee|fees|funding)\b/i;
const COUNT = /\bhow many\b|\b(?:number of|count of|total of)\b/i;
const DATE =
  /^\s*(?:when|since when|until when|by when)\b|\b(?:what|which) (?:year|date|month|day|decade)\b|\bhow long\b|\b(?:deadline|in what year|on what date|how soon|how often|time limit|processing time|age limit)\b/i;
/** A question about a length of time or an age: a year alone does not answer it. */
const DURATION = /\bhow long\b|\b(?:time limit|processing time|age limit|how old|what age)\b/i;
const PLACE =
  /^\s*where\b|\b(?:in|at) (?:what|which) (?:city|country|place|venue|location)\b|\b(?:which|what) (?:city|venue|location)\b/i;
const BODY =
  /^\s*who\b|\bwhom\b|\b(?:and|but) who\b|\b(?:which|what) (?:(?!(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|the|a|an|this|that|these|those|its|their|his|her)\b)[a-z-]+ ){0,2}?(?:organi[sz]ations?|bodies|body|agency|agencies|institutions?|countries|country|states?|ministers?|ministries|chair|chairs|secretariat|group|partners?|donors?)\b|\b(?:led|chaired|hosted|funded|co-chaired|organi[sz]ed) by\b/i;

// The question word that opens a question decides first: "who decides how many…" asks for a body. It may follow
// a fronted phrase set off by a comma ("After the Prague meeting in 97, who had to report every year?").
const FRONTED = String.raw`^\s*(?:[^,?]{1,80},\s*)?`;
const OPENING: [RegExp, AnswerKind][] = [
  [new RegExp(String.raw`${FRONTED}(?:who|whom)\b`, 'i'), 'body'],
  [new RegExp(String.raw`${FRONTED}(?:when|since when|until when|by when)\b`, 'i'), 'date'],
  [new RegExp(String.raw`${FRONTED}where\b`, 'i'), 'place'],
];

export function expectedAnswerKind(question: string, intent: Intent): AnswerKind {
  if (intent === 'enumeration') return 'list';
  if (intent === 'summary' || intent === 'comparison' || intent === 'timeline' || intent === 'overview') return 'text';
  for (const [pattern, kind] of OPENING) if (pattern.test(question)) return kind;
  if (AMOUNT.test(question)) return 'amount';
  if (COUNT.test(question)) return 'count';
  if (DATE.test(question)) return 'date';
  if (PLACE.test(question)) return 'place';
  if (BODY.test(question)) return 'body';
  if (intent === 'yesno') return 'yesno';
  return 'text';
}

// "Several states", "the majority" state no number: a "how many" question is not answered by them.
const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen';
const HAS_AMOUNT =
  /[€$£]\s?\d|\b\d[\d.,]*\s?(?:eur|euros?|usd|dollars?|million|billion|thousand)\b|\b(?:eur|usd)\s?\d/i;
// A number that counts something: not a year, not a list's own numbering.
const COUNTED_NUMBER = new RegExp(`\\b((?!(?:1[89]|20)\\d\\d\\b)\\d+(?:[.,]\\d+)*|${NUMBER_WORDS})\\s+([a-z]+)`, 'gi');
// A number that names a unit or an article ("article 31 of", "Priority Goals 1 and 2") counts nothing.
const NUMBERS_A_UNIT =
  /\b(?:articles?|goals?|paragraphs?|recommendations?|points?|actions?|clauses?|chapters?|pages?|sections?|recitals?|considerations?|phases?|wg|no\.?|number)\s*$/i;
// Nor does a day of a month ("10 - 11 May 2000").
const NOT_COUNTED = new Set([
  'of',
  'and',
  'or',
  'to',
  'in',
  'on',
  ...'january february march april may june july august september october november december'.split(' '),
]);

function holdsCount(text: string): boolean {
  for (const m of text.matchAll(COUNTED_NUMBER)) {
    if (NOT_COUNTED.has(m[2].toLowerCase())) continue;
    if (/^\d/.test(m[1]) && NUMBERS_A_UNIT.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
    return true;
  }
  return false;
}
const HAS_DURATION =
  /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|thirty|several)[\s-]+(?:days?|weeks?|months?|years?)\b|\b(?:under|over|below|above) (?:the age of )?\d+\b/i;
const HAS_DATE =
  /\b(?:1[89]\d\d|20\d\d)\b|\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|thirty|several)\s+(?:days?|weeks?|months?|years?)\b|\b(?:annual(?:ly)?|yearly|every (?:year|two years))\b/i;

/** The kinds of answer a text can be checked for (see holdsAnswerKind); the others always fit. */
export const CHECKED_KINDS: ReadonlySet<AnswerKind> = new Set(['amount', 'count', 'date']);

/**
 * Whether a text holds a fact of the kind asked for. Only amounts, counts and dates can be told apart from
 * words; a place or a body is often named in lower case ("states", "the host country"), so those always fit,
 * as do text, lists and yes/no.
 */
export function holdsAnswerKind(text: string, kind: AnswerKind, question = ''): boolean {
  if (kind === 'date' && DURATION.test(question)) return HAS_DURATION.test(text);
  switch (kind) {
    case 'amount':
      return HAS_AMOUNT.test(text);
    case 'count':
      return holdsCount(text);
    case 'date':
      return HAS_DATE.test(text);
    default:
      return true;
  }
}

const MONTHS = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)$/;
// An acronym, or a capitalised word that does not open a sentence: "UNHCR warned", "chaired by Sweden".
const PROPER_NAME = /\b(?:[A-Z]{2,}|[A-Z]\p{Ll}+(?:[-'’]\p{L}+)?)\b/gu;
const OPENS_SENTENCE = /(?:^|[.!?:;]["'”’)]?\s*)$/;
// Words the documents capitalise as parts of titles ("the Berlin Ministerial Conference", "a Working Group"),
// which name no one by themselves; "Budapest" names the dialogue every text is about, never someone new.
const TITLE_WORDS = new Set(
  'ministerial conference conferences meeting process working group groups declaration recommendation recommendations priority goal action call member states state joint senior officials final document interior minister ministers federal region regional dialogue partnership partnerships chair chairs chairmanship presidency budapest the this these in of and for on'.split(
    ' ',
  ),
);

/**
 * Whether a text names someone the question did not: a country, a body, a person ("chaired by Sweden", "the
 * IOM"). Only a preference for the quote of a "who"/"which body" question, never a ground to decline: bodies
 * are often named in lower case too.
 */
export function namesSomeoneNew(text: string, question: string): boolean {
  const asked = new Set(question.toLowerCase().match(/\p{L}+/gu) ?? []);
  for (const { 0: word, index } of text.matchAll(PROPER_NAME)) {
    const acronym = word === word.toUpperCase();
    if (!acronym && OPENS_SENTENCE.test(text.slice(Math.max(0, index - 4), index))) continue;
    const lower = word.toLowerCase();
    if (MONTHS.test(word) || asked.has(lower) || TITLE_WORDS.has(lower)) continue;
    return true;
  }
  return false;
}

/**
 * A test of a sentence for the specific a question asks for: an amount, a count or a date it holds, or, for "who"
 * and "where", someone the question did not name; null when the question asks for no specific. `topic` is the
 * question as spelling correction read it: "the Refrence Group" names the Reference Group.
 */
export function askedSpecific(kind: AnswerKind, question: string, topic = ''): ((text: string) => boolean) | null {
  if (CHECKED_KINDS.has(kind)) return (text) => holdsAnswerKind(text, kind, question);
  if (kind === 'body' || kind === 'place') return (text) => namesSomeoneNew(text, `${question} ${topic}`);
  return null;
}

/** How the missing specific is named in an answer that says the documents do not state it. */
export const SPECIFIC_NAMES: Record<AnswerKind, string> = {
  amount: 'an amount or budget',
  count: 'a number',
  date: 'a date or period',
  place: 'a place',
  body: 'who it was',
  list: 'a list',
  yesno: 'a yes or no',
  text: 'an answer',
};
