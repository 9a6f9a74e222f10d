/**
 * @module server/openai-compat/request
 * Turns an OpenAI chat-completions request into a /api/chat request: the last user message is the question,
 * the user and assistant messages before it are the history (the latest 20 turns), and system or developer
 * messages are dropped unread, so a caller cannot re-instruct the assistant through them.
 */
import type { z } from 'zod';
import type { ChatRequest, ChatTurn } from '../answer/types.js';
import { RequestError } from '../../core/errors.js';
import { chatSchema, LIMITS, parseBody, type openaiChatSchema } from '../http/schemas.js';
import { SOURCES_HEADING, CLOSEST_HEADING } from './format.js';
import { DEFAULT_MODEL, modeForModel } from './models.js';

export type OpenAIChatBody = z.infer<typeof openaiChatSchema>;
type Content = OpenAIChatBody['messages'][number]['content'];

export interface CompatRequest {
  chat: ChatRequest;
  model: string;
  stream: boolean;
  includeUsage: boolean;
}

/** Text of a message: a string, or the text parts of a content array (images and other parts are ignored). */
export function contentText(content: Content): string {
  if (typeof content === 'string') return content;
  if (!content) return '';
  return content
    .filter((p) => p.type === 'text' && typeof p.text === 'string')
    .map((p) => p.text)
    .join('\n');
}

/**
 * An earlier answer of ours as the client sends it back: without the sources list appended to it, which would
 * otherwise read as part of the conversation when a follow-up is condensed.
 */
function historyText(turn: ChatTurn): string {
  let text = turn.content;
  if (turn.role === 'assistant') {
    for (const heading of [SOURCES_HEADING, CLOSEST_HEADING]) {
      const at = text.indexOf(`\n\n${heading}\n`);
      if (at !== -1) text = text.slice(0, at);
    }
  }
  return text.trim().slice(0, LIMITS.turnChars);
}

export function toCompatRequest(body: OpenAIChatBody): CompatRequest {
  const turns: ChatTurn[] = body.messages.flatMap((m) =>
    m.role === 'user' || m.role === 'assistant' ? [{ role: m.role, content: contentText(m.content) }] : [],
  );
  const last = turns.findLastIndex((t) => t.role === 'user');
  if (last === -1) {
    throw new RequestError(
      'INVALID_REQUEST',
      'request: messages: no user message (the last user message is the question; system messages are ignored)',
    );
  }
  if (turns[last].content.trim() === '') {
    throw new RequestError('INVALID_REQUEST', 'request: messages: the last user message (the question) is empty');
  }
  const history = turns
    .slice(0, last)
    .map((t) => ({ role: t.role, content: historyText(t) }))
    .filter((t) => t.content.length > 0)
    .slice(-LIMITS.historyTurns);
  const model = body.model ?? DEFAULT_MODEL;
  const chat = parseBody(chatSchema, {
    question: turns[last].content,
    history,
    documents: body.documents,
    mode: body.mode ?? modeForModel(model),
  });
  return { chat, model, stream: body.stream === true, includeUsage: body.stream_options?.include_usage === true };
}
