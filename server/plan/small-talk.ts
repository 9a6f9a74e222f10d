/**
 * @module server/plan/small-talk
 * Greetings, thanks and questions about the assistant itself: answered briefly, without citations, never
 * searched (a "thanks!" must not cite the recitals that thank the host country).
 */
import { tokenize } from '../../core/text/terms.js';

// Words that make up small talk; a message made only of these (and at most a few) is not a question.
const SMALL_TALK_WORDS = new Set(
  (
    'hi hello hey hiya howdy morning afternoon evening good great cool nice ok okay k fine perfect awesome wonderful ' +
    'thanks thank thx ty cheers much very lot so many appreciated appreciate helpful useful that this it is was ' +
    'you your yourself are who what can do help me please bye goodbye see later cya yes no sure got understood ' +
    'right alright welcome sorry how doing going today there again all for the a an and to i im am lovely brilliant ' +
    'excellent super amazing test testing ping kind sort of things thing questions with ask answer ' +
    // "Great, thanks a lot — that's all I needed for today", "lol ok, bye for now".
    'thats needed need wanted done enough everything lol haha ha anyway now day night week tonight really truly'
  ).split(' '),
);
// At least one of these must be there, or "what can you do for the victims" would count.
const SMALL_TALK_MARKERS =
  /^\s*(?:hi|hello|hey|hiya|howdy|good (?:morning|afternoon|evening)|thanks?|thank you|thx|ty|cheers|ok(?:ay)?|great|cool|nice|perfect|awesome|bye|goodbye|who are you|what (?:are|can) you|what (?:kind|sort) of (?:things|questions) can you|can you help|help me|how are you|test(?:ing)?|ping|sorry|got it|understood|brilliant|excellent|lol|haha)\b/i;

export function isSmallTalk(message: string): boolean {
  const words = tokenize(message);
  if (words.length === 0) return true;
  if (words.length > 12 || !SMALL_TALK_MARKERS.test(message)) return false;
  return words.every((w) => SMALL_TALK_WORDS.has(w));
}

/** What the assistant can do: the reply to a greeting or a question about itself. */
export const SMALL_TALK_REPLY =
  'I answer questions about the Budapest Process documents — the Prague 1997 Recommendations, the 2005 Vienna Bali–Budapest meeting, the Prague 2009 Joint Declaration, the Call for Action (2019) and the 30-years publication — and cite the passages each answer rests on. Ask me about a topic, a document or a numbered recommendation.';

// Thanks and goodbyes close a conversation; "ok", "got it", "great" acknowledge an answer. Neither asks what the
// assistant can do, so neither is told.
const CLOSING =
  /\b(?:thanks?|thank you|thx|ty|cheers|appreciated?|bye|goodbye|cya|see you|that'?s (?:all|everything|it)|that is (?:all|everything)|all for (?:now|today))\b/i;
const ACKNOWLEDGEMENT =
  /^\s*(?:(?:ok(?:ay)?|k|great|cool|nice|perfect|awesome|brilliant|excellent|super|lovely|fine|got it|understood|right|alright|sure|lol|haha)\b[\s,.!:)-]*)+$/i;

export const CLOSING_REPLY =
  'You are welcome. Ask again whenever you need something from the Budapest Process documents.';
export const ACKNOWLEDGEMENT_REPLY = 'Glad that helped. Ask me about another topic or document whenever you like.';

/** The reply to a message isSmallTalk accepted: thanks and goodbyes, an acknowledgement, or what I can do. */
export function smallTalkAnswer(message: string): string {
  if (CLOSING.test(message)) return CLOSING_REPLY;
  if (ACKNOWLEDGEMENT.test(message)) return ACKNOWLEDGEMENT_REPLY;
  return SMALL_TALK_REPLY;
}
