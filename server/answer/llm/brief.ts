/**
 * @module server/answer/llm/brief
 * What the model is told about the question besides its text: what is asked (the plan's intent), what kind of
 * fact would answer it, the instructions for that intent (prompts/intents/*.md), and the passages grouped by
 * document, closed by the documents asked about that have no passage, so that a summary can name them.
 */
import type { DocumentMeta } from '../../../core/types.js';
import type { AnswerKind, Intent, QueryPlan } from '../../plan/types.js';
import { byDocumentDate, documentHeading, formatPassages, type NumberedPassage } from './passages.js';
import type { AnswerVariables, Prompts } from './prompts.js';

/** What of the question plan the LLM answer is written by. */
export type AnswerPlan = Pick<QueryPlan, 'intent' | 'answerKind' | 'acrossDocuments' | 'scope'>;

/** The intent in plain words, as the user turn says what is asked. */
export const INTENT_WORDS: Record<Intent, string> = {
  lookup: 'a specific point the documents address',
  yesno: 'a yes-or-no question',
  enumeration: 'a full list of items',
  summary: 'a summary across the documents',
  comparison: 'a comparison of documents',
  timeline: 'how something developed over time',
  overview: 'an overview of what something is',
  reference: 'what a named unit of a document says',
  smalltalk: 'small talk',
};

/** The expected answer kind in plain words ("The answer should give a date or period."). */
export const ANSWER_KIND_WORDS: Record<AnswerKind, string> = {
  amount: 'an amount (a sum, fee, fine or budget)',
  count: 'a number (how many)',
  date: 'a date or period',
  place: 'a place',
  body: 'a body, organisation, country or person',
  list: 'a list of items',
  yesno: 'a yes or no, with what the passages state',
  text: 'an explanation in plain words',
};

export interface BriefInput {
  question: string;
  plan: AnswerPlan;
  passages: readonly NumberedPassage[];
  /** Every document of the corpus, to name those asked about that have no passage; none → none named. */
  documents?: readonly DocumentMeta[];
}

/**
 * Documents the question asked about (its scope, or all when it spans the documents) that have no passage,
 * in date order. Only when it asked about two or more: a question about one document that has nothing is
 * declined before the model is asked.
 */
export function silentDocuments(
  plan: AnswerPlan,
  passages: readonly NumberedPassage[],
  documents: readonly DocumentMeta[],
): DocumentMeta[] {
  const asked = plan.scope ?? (plan.acrossDocuments ? documents.map((d) => d.id) : []);
  if (asked.length < 2) return [];
  const heard = new Set(passages.map((p) => p.hit.unit.documentId));
  // Stable sort: documents of the same date keep the corpus order.
  return documents.filter((d) => asked.includes(d.id) && !heard.has(d.id)).sort(byDocumentDate);
}

/** The answer template's variables for one question. */
export function answerVariables(input: BriefInput, intents: Prompts['intents']): AnswerVariables {
  const { question, plan, passages, documents = [] } = input;
  const silent = silentDocuments(plan, passages, documents);
  const closing = silent.length
    ? `\n\nDocuments asked about with no passage on this: ${silent.map(documentHeading).join('; ')}.`
    : '';
  return {
    passages: formatPassages(passages) + closing,
    question,
    intent: INTENT_WORDS[plan.intent],
    answer_kind: ANSWER_KIND_WORDS[plan.answerKind],
    instructions: intents[plan.intent],
  };
}
