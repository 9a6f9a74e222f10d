/**
 * @module server/answer/llm/condense
 * Turns a follow-up ("and what about carriers?") into a question retrieval can search on its own, keeping
 * the document and topic of the conversation.
 */
import type { Config } from '../../../core/config.js';
import type { ChatTurn } from '../types.js';
import { callChatModel } from './chat-model.js';
import { getPrompts } from './prompts.js';

// Only recent turns decide what "it" refers to; older ones cost tokens and pull the topic backwards.
const MAX_TURNS = 6;
const MAX_TURN_CHARS = 600;
// A "question" longer than this is the model answering instead of rewriting.
const MAX_STANDALONE_CHARS = 1_000;

export interface CondenseInput {
  question: string;
  history: ChatTurn[];
  config: Config;
  signal?: AbortSignal;
}

/**
 * The standalone form of `question`. With no history, the question itself, without calling the model.
 * Rejects with UpstreamError when the model fails or times out; an unusable rewrite (empty, overlong) falls
 * back to the question as asked.
 */
export async function condenseQuestion(input: CondenseInput): Promise<string> {
  const { question, history, config, signal } = input;
  const turns = history.filter((t) => t.content.trim()).slice(-MAX_TURNS);
  if (turns.length === 0) return question;
  const prompt = await getPrompts().condense.format({ history: formatHistory(turns), question });
  const reply = await callChatModel({ config, messages: prompt, signal, purpose: 'condense' });
  return cleanStandalone(reply) ?? question;
}

/** `User: …` / `Assistant: …` lines; citation markers dropped, as they mean nothing without the passages. */
export function formatHistory(turns: ChatTurn[]): string {
  return turns
    .map((t) => {
      // Whitespace first, so the marker pattern needs no leading \s* (quadratic on a long run of spaces).
      const text = t.content
        .replace(/\s+/g, ' ')
        .replace(/ ?\[\d+(?:\s*[,;–-]\s*\d+)*\]/g, '')
        .trim();
      const clipped = text.length > MAX_TURN_CHARS ? `${text.slice(0, MAX_TURN_CHARS)}…` : text;
      return `${t.role === 'user' ? 'User' : 'Assistant'}: ${clipped}`;
    })
    .join('\n');
}

function cleanStandalone(reply: string): string | undefined {
  const firstLine = reply.trim().split('\n')[0] ?? '';
  const text = firstLine
    .replace(/^(?:standalone question|question)\s*:\s*/i, '')
    .replace(/^["'“”]+|(?<!["'“”])["'“”]+$/g, '')
    .trim();
  if (!text || text.length > MAX_STANDALONE_CHARS) return undefined;
  return text;
}
