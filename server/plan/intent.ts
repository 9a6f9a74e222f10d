/**
 * @module server/plan/intent
 * Reads what a question asks for (a yes/no, a list, a summary, a comparison, a timeline…) from its phrasing,
 * and strips the words that only frame the request ("give me a cited summary of…", "with citations",
 * "across all five documents") so that retrieval searches the topic alone.
 */
import type { Intent } from './types.js';

// Each pattern is anchored on words and uses bounded repetition: the text is a user's and may be hostile.
const SUMMARY =
  /\b(?:summari[sz]e|summari[sz]ing|summary|summaries|overview of|brief(?:ing)?|rundown|recap|outline|key points|main points)\b/i;
const COMPARISON =
  /\b(?:compare|comparing|comparison|contrast|differ|differs|differed|difference|differences|versus|vs\.?|similarities)\b/i;
const TIMELINE =
  /\b(?:evolve|evolved|evolving|evolution|timeline|chronolog\w*|over the years|over time|trace|develop(?:ed)? (?:over|from|between|since)|changed? (?:over|from|between|since))\b|\bhow (?:did|has|have|had|does|do) (?:that|this|it|they|things|the (?:position|approach|stance|thinking|focus|emphasis|picture|language|wording)) (?:\w+ )?(?:change|shift|evolve|develop|move)(?:d|ed|s)?\b|\b(?:changed?|shifted|evolved|developed|moved on)\s+(?:later|since then|afterwards|after that|in later (?:years|documents|texts))\b/i;
const FROM_YEAR_TO_YEAR =
  /\b(?:from|between|since)\s+(?:19|20)\d\d\s*(?:to|and|until|till|through|-|–)\s*(?:19|20)\d\d\b/i;
const ENUMERATION =
  /^\s*(?:(?:please\s+)?(?:list|enumerate|name)\b|what (?:are|were) (?:the|all)\b|which (?:are the\b|\w+ (?:are|were) (?:listed|named|mentioned))|who (?:are|were) the\b)/i;
// "…? List them.", "give me a full list of…": a list asked for anywhere in the question ("keep a list of" is a topic).
const LIST_ASKED =
  /\b(?:list|enumerate|name)\s+(?:them|those|these|all|each|every)\b|\b(?:give|get|send|show|make|provide|want|need|have)\s+(?:me\s+|us\s+)?(?:a|the)\s+(?:full\s+|complete\s+)?list\s+of\b/i;
const COUNTED_LIST = /\bwhat (?:are|were) the (?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve)\b/i;
const OVERVIEW =
  /^\s*(?:what\s+(?:is|was|are|were)\s+(?:the\s+)?(?:budapest process|it|this)\s*(?:\?\s*)?$|tell me about|what is .{0,60} about\??$|give me an overview)/i;
// "An overview of what the Budapest Process is", "an introduction to the Budapest Process": what the Process
// itself is, answered from its defining sentences, not a summary of everything the documents say.
const OVERVIEW_OF_PROCESS =
  /\b(?:overview|introduction|intro|primer)\s+(?:of|to|on)\s+(?:what\s+)?(?:the\s+)?budapest process\b(?!\s+(?:says?|said|position|approach|on|about)\b)|\bwhat the budapest process is\b/i;
const YES_NO =
  /^\s*(?:is|are|was|were|does|do|did|can|could|should|shall|will|would|must|may|has|have|had)\b(?!\s+you\b)/i;

/** The intent of a question, from its phrasing alone (small talk and exact references are decided by the plan). */
export function classifyIntent(question: string): Exclude<Intent, 'smalltalk' | 'reference'> {
  if (COMPARISON.test(question)) return 'comparison';
  if (TIMELINE.test(question) || FROM_YEAR_TO_YEAR.test(question)) return 'timeline';
  if (OVERVIEW_OF_PROCESS.test(question)) return 'overview';
  if (SUMMARY.test(question)) return 'summary';
  if (ENUMERATION.test(question) || COUNTED_LIST.test(question) || LIST_ASKED.test(question)) return 'enumeration';
  if (OVERVIEW.test(question)) return 'overview';
  if (YES_NO.test(question)) return 'yesno';
  return 'lookup';
}

/** "across all five documents", "in each of the documents", "all the texts", "what do the texts say": every
 * document is to be heard. */
const ACROSS_ALL =
  /\b(?:across|in|from|throughout|over)\s+(?:all|each|every)\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+)?(?:documents?|texts?|sources?|papers?)\b|\ball (?:the |five |5 )?(?:documents|texts|sources)\b|\beach (?:document|text)\b|\bevery document\b|\b(?:the|these|your) (?:documents|texts)\b/i;

export function asksAcrossAllDocuments(question: string): boolean {
  return ACROSS_ALL.test(question);
}

/** "All five documents", "every document": all of them, even when the question also names some. */
const ALL_EXPLICIT =
  /\b(?:across|in|from|throughout|over)\s+all\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+)?(?:documents?|texts?|sources?|papers?)\b|\ball (?:the |five |5 )?(?:documents|texts|sources)\b|\bevery document\b/i;

export function insistsOnAllDocuments(question: string): boolean {
  return ALL_EXPLICIT.test(question);
}

/**
 * A question about a conference, meeting or text as an event — when it took place, who attended or chaired,
 * what was adopted or endorsed, how many in total — rather than about what the text says on a topic.
 */
const ABOUT_EVENT =
  /\b(?:adopted|adopt|endorsed|endorse|convened|hosted|chaired|attended|launched|signed|took place|take place|held|in total|participants|participating countries)\b/i;

export function asksAboutEvent(question: string): boolean {
  return ABOUT_EVENT.test(question);
}

// Request framing, removed before retrieval. Order matters: longer frames first.
const REQUEST_FRAMES: RegExp[] = [
  /\b(?:can|could|would|will)\s+you\s+(?:please\s+)?/gi,
  /\b(?:i\s+(?:need|want|would like)|i'd like|we need)\s+(?:you\s+to\s+)?/gi,
  /\b(?:please|pls|kindly)\b/gi,
  // "Tell me about the first Silk Routes project", "explain to me…": asked of the assistant, not about the topic;
  // carried into a follow-up they would be searched as words of its topic.
  /\b(?:what\s+)?(?:(?:can|could)\s+(?:you\s+)?)?(?:tell|remind)\s+(?:me|us)(?:\s+(?:a\s+(?:bit|little)\s+)?more)?\s+(?:about|on|regarding)\b/gi,
  /\b(?:explain|describe)\s+(?:to\s+)?(?:me|us)\b/gi,
  // Idioms that frame a question without naming anything in it ("why do people end up migrating illegally in
  // the first place?", "does it mention biometrics at all?"): as words, "first", "place" and "end" are topics.
  /\b(?:in\s+the\s+first\s+place|at\s+all|by\s+the\s+way|end(?:s|ed)?\s+up|in\s+general|generally\s+speaking)\b/gi,
  /\b(?:an?\s+)?(?:introduction|intro|primer)\s+(?:to|on)\b/gi,
  // "What did the Vienna meeting conclude about trafficking?", "its conclusions on return": what a text
  // concludes on a topic is what it says about it ("concluded readmission agreements" stays a topic).
  /\b(?:conclude|concluded|concludes|conclusions?)\s+(?:about|on|regarding|concerning)\b/gi,
  // "I'm new here": who is asking, not what about.
  /\b(?:i'?m|i\s+am)\s+(?:new|a\s+newcomer|just\s+starting)(?:\s+(?:here|to\s+(?:this|the\s+\w+)))?\b/gi,
  /\b(?:give|get|send|show|write|draft|prepare|produce|provide|make)(?:\s+(?:me|us))?(?:\s+(?:a|an|the|some))?(?:\s+(?:short|brief|quick|concise|detailed|full|complete|one-page|cited|sourced|referenced|overall|general))?(?:,?\s+(?:cited|sourced|referenced))?\s+(?:summary|overview|briefing(?: note)?|brief|note|rundown|recap|outline|list|comparison|timeline|paragraph|answer)\b(?:\s+(?:of|on|about|for|regarding|covering))?/gi,
  /^\s*(?:summari[sz]e|outline|list|enumerate|recap)\b(?:\s+(?:for me|briefly|for us))?/gi,
  // "I need a short briefing on …" (the verb already taken by the frame above): the product asked for, not a topic.
  /\b(?:an?\s+)?(?:(?:short|brief|quick|concise|detailed|full|complete|one-page|cited|sourced)\s+)?(?:summary|overview|briefing(?:\s+note)?|rundown|recap)\s+(?:of|on|about|regarding|covering)\b/gi,
  /\b(?:what|how)\s+(?:do|does|did)\s+(?:the\s+)?(?:documents?|texts?|sources?|they)\s+(?:all\s+)?(?:say|said|state|stated)\s*(?:about|on|regarding)?/gi,
  /\bwhat\s+(?:the\s+)?(?:documents?|texts?|sources?)\s+(?:all\s+)?(?:say|said|state)\s*(?:about|on|regarding)?/gi,
  /\bwith\s+(?:full\s+)?(?:citations?|references?|sources?|quotes?|footnotes?)\b/gi,
  /\bwhat\s+(?:each|every|the|both)\s+(?:of\s+the\s+)?(?:texts?|documents?)\s+(?:asked\s+for|asks\s+for|says?|said|wants?|wanted|proposed?|recommended?)\b/gi,
  /\b(?:compare|contrast)(?:\s+(?:it|this|that|them|what))?\b/gi,
  /\bcite(?:\s+(?:it|them|sources?))?(?:\s+please)?\b/gi,
  /\b(?:citing|quoting)\s+(?:the\s+)?(?:sources?|documents?|texts?|paragraphs?|recommendations?|clauses?|points?|actions?|passages?|units?)\b/gi,
  // "Brief me on…", "Briefing please: …": the product asked for, not a topic.
  /\b(?:brief|update)\s+(?:me|us)\s+(?:on|about|regarding)\b/gi,
  /^\s*(?:a\s+)?(?:quick\s+|short\s+)?briefing(?:\s+note)?(?:\s+please)?\s*[:,-]/gi,
  /\bfor\s+(?:a|an|my|our|the)\s+(?:\w+\s+)?(?:briefing(?: note)?|note|memo|report|presentation|draft|meeting)\b/gi,
  /\b(?:across|in|from|throughout|over)\s+(?:all|each|every)\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+)?(?:documents?|texts?|sources?|papers?)\b/gi,
  /\b(?:in|from)\s+(?:the\s+)?(?:documents?|texts?)\b/gi,
  /\bthe\s+budapest\s+process(?:'s|’s)?\s+(?:position|approach|stance|view|line|thinking|policy)\s+(?:on|to|towards|regarding)\b/gi,
  /\b(?:position|approach|stance|views?|thinking)\s+(?:on|to|towards|regarding)\b/gi,
  // "…? List them all.": the form of the answer, not a topic.
  /\b(?:list|enumerate|name)\s+(?:them|those|these|each|every\s+one)(?:\s+all)?\b/gi,
  // "How many actions does it have in total?": the count asked for, not a topic.
  /\bin\s+total\b/gi,
  // "Where does family reunification come up?": where a topic is found, not a topic of its own.
  /\b(?:comes?|came|crops?|cropped|shows?|showed)\s+up\b/gi,
  // "the integration provisions", "the passages on return": what a text holds, not what it is about.
  /\b(?:provisions?|passages?)(?:\s+(?:on|about|regarding|concerning|dealing\s+with))?\b/gi,
];

/**
 * "How the 2009 Declaration links migration and development", "how does the Call for Action address
 * smuggling": the verb says that the text relates to the topic, not what the topic is; the words between
 * (often the document's name) stay.
 */
const RELATION_VERB =
  /\bhow\s+((?:(?:do|does|did)\s+)?(?:[\w-]+\s+){0,5}?)(?:treats?|treated|handles?|handled|approach(?:es|ed)?|address(?:es|ed)?|tackles?|tackled|links?|linked|connects?|connected|frames?|framed|covers?|covered|portrays?|portrayed|views?|viewed|regards?|regarded)\b/gi;

const LEADING_FILLER = /^[\s,.;:!?-]*(?:and|also|so|then|now|ok|okay)?[\s,.;:-]*(?:(?:what|how)\s+about\s+)?/i;

/**
 * The question without the words that frame a request. Returns the question itself when nothing is left
 * (the request words were the topic: "summarise the Call for Action").
 */
export function stripRequestWords(question: string): string {
  let text = question;
  for (const frame of REQUEST_FRAMES) text = text.replace(frame, ' ');
  // "How trafficking and irregular migration are connected": in the passive the relation is the topic.
  text = text.replace(RELATION_VERB, (verb, between: string) =>
    /\b(?:are|is|were|was|be|been)\s+$/i.test(between) ? verb : ` ${between}`,
  );
  text = text.replace(LEADING_FILLER, '').replace(/\s+/g, ' ').trim();
  return /[a-z0-9]/i.test(text) ? text : question;
}
