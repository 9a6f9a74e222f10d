/**
 * @module server/answer/llm/write
 * Writes the raw LLM answer: the system rules, the intent's instructions and the numbered passages grouped by
 * document go in, cited text comes out (finaliseLlmAnswer in ./postprocess turns it into the reply, from the
 * same numbered passages).
 */
import type { Config } from '../../../core/config.js';
import type { DocumentMeta } from '../../../core/types.js';
import type { TokenSink } from '../types.js';
import { answerVariables, type AnswerPlan } from './brief.js';
import { callChatModel } from './chat-model.js';
import type { NumberedPassage } from './passages.js';
import { getPrompts } from './prompts.js';

export interface WriteLlmAnswerInput {
  question: string;
  /** The question plan (intent, expected answer kind, documents asked about). */
  plan: AnswerPlan;
  /** From numberPassages: grouped by document in date order, the same list postprocess is given. */
  passages: NumberedPassage[];
  /** Every document of the corpus, to name those the question asked about that have no passage. */
  documents?: readonly DocumentMeta[];
  config: Config;
  /** Receives the answer text as it arrives; given → the call streams. */
  onToken?: TokenSink;
  /** Cancels the call (e.g. the client disconnected); the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * The model's raw answer, [n] markers included. Rejects with UpstreamError when the upstream fails, times out
 * (config.openai.timeoutMs for the whole call, stream included) or cuts the stream; tokens already passed to
 * onToken stay sent, so a streaming caller must tell its client that the answer was abandoned.
 */
export async function writeLlmAnswer(input: WriteLlmAnswerInput): Promise<string> {
  const { config, onToken, signal } = input;
  const prompts = getPrompts();
  const messages = await prompts.answer.formatMessages(answerVariables(input, prompts.intents));
  return callChatModel({ config, messages, onToken, signal, purpose: 'answer' });
}
