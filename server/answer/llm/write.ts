/**
 * @module server/answer/llm/write
 * Writes the raw LLM answer: the system rules and the numbered passages go in, cited text comes out
 * (finaliseLlmAnswer in ./postprocess turns it into the reply).
 */
import type { Config } from '../../../core/config.js';
import type { TokenSink } from '../types.js';
import { callChatModel } from './chat-model.js';
import { formatPassages, type NumberedPassage } from './passages.js';
import { getPrompts } from './prompts.js';

export interface WriteLlmAnswerInput {
  question: string;
  passages: NumberedPassage[];
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
  const { question, passages, config, onToken, signal } = input;
  const messages = await getPrompts().answer.formatMessages({ passages: formatPassages(passages), question });
  return callChatModel({ config, messages, onToken, signal, purpose: 'answer' });
}
