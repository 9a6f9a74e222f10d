/**
 * @module server/openai-compat/format
 * Writes a ChatReply as an OpenAI chat completion (or chunks of one): the answer followed by its sources in
 * `content`, for clients that only show text, and the structured citations alongside, at the top level and
 * in the message (or the final delta), for clients that check them.
 */
import { randomUUID } from 'node:crypto';
import type { AnswerFlag, ChatReply, Citation, ClosestMatch } from '../answer/types.js';
import { sanitiseModelMarkdown } from './sanitise.js';

export const SOURCES_HEADING = 'Sources:';
export const CLOSEST_HEADING = 'Closest passages (not an answer):';

/** The structured part of a reply that rides along with the text. */
export interface ReplyExtras {
  citations: Citation[];
  grounded: boolean;
  mode: ChatReply['mode'];
  notice?: string;
  closestMatches?: ClosestMatch[];
  unsupported?: string[];
  /** The index that answered (its corpus fingerprint). */
  indexBuild?: string;
  flags?: AnswerFlag[];
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** Names a document in the sources list: its short title ("Prague 1997 Recommendations") when known. */
export type DocumentNamer = (documentId: string, fallback: string) => string;

export function extrasOf(reply: ChatReply): ReplyExtras {
  const extras: ReplyExtras = { citations: reply.citations, grounded: reply.grounded, mode: reply.mode };
  if (reply.notice) extras.notice = reply.notice;
  if (reply.closestMatches?.length) extras.closestMatches = reply.closestMatches;
  if (reply.unsupported?.length) extras.unsupported = reply.unsupported;
  if (reply.indexBuild) extras.indexBuild = reply.indexBuild;
  if (reply.flags?.length) extras.flags = reply.flags;
  return extras;
}

/** What follows the answer in `content`: "\n\nSources:\n[1] Prague 1997 Recommendations, Recommendation 18 — "…"". */
export function sourcesText(reply: ChatReply, name: DocumentNamer): string {
  if (reply.citations.length > 0) {
    // A citation whose quote or claim failed its check must not read as a verified source.
    const lines = reply.citations.map(
      (c) =>
        `[${c.n}] ${name(c.documentId, c.documentTitle)}, ${c.label} — "${c.quote}"` +
        (c.valid ? '' : ` (NOT VERIFIED: ${c.problem ?? 'the claim citing it failed its check'})`),
    );
    return `\n\n${SOURCES_HEADING}\n${lines.join('\n')}`;
  }
  if (reply.closestMatches?.length) {
    const lines = reply.closestMatches.map((m) => `- ${name(m.documentId, m.documentTitle)}, ${m.label}`);
    return `\n\n${CLOSEST_HEADING}\n${lines.join('\n')}`;
  }
  return '';
}

/** The answer as `content` carries it: a model-written one without HTML or unsafe links (Markdown front ends). */
export function answerText(reply: ChatReply): string {
  return reply.mode === 'llm' ? sanitiseModelMarkdown(reply.answer) : reply.answer;
}

export function contentOf(reply: ChatReply, name: DocumentNamer): string {
  return answerText(reply) + sourcesText(reply, name);
}

// Approximate: words, not model tokens. No model tokenizer runs here, and clients only need a plausible figure.
function words(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

export function usageOf(promptTexts: readonly string[], completion: string): Usage {
  const prompt = promptTexts.reduce((sum, t) => sum + words(t), 0);
  const completionTokens = words(completion);
  return { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens };
}

/** Fields every completion and chunk of one response share. */
export interface CompletionHead {
  id: string;
  created: number;
  model: string;
}

export function completionHead(model: string): CompletionHead {
  return { id: `chatcmpl-${randomUUID()}`, created: Math.floor(Date.now() / 1000), model };
}

export function completion(head: CompletionHead, content: string, extras: ReplyExtras, usage: Usage) {
  return {
    ...head,
    object: 'chat.completion' as const,
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        message: { role: 'assistant' as const, content, refusal: null, ...extras },
        logprobs: null,
        finish_reason: 'stop' as const,
      },
    ],
    usage,
    ...extras,
  };
}

export interface ChunkDelta {
  role?: 'assistant';
  content?: string;
}

export function chunk(head: CompletionHead, delta: ChunkDelta) {
  return {
    ...head,
    object: 'chat.completion.chunk' as const,
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: null }],
  };
}

/** The last chunk before [DONE]: the finish reason, and the structured citations in the delta and at the top. */
export function finalChunk(head: CompletionHead, extras: ReplyExtras, usage?: Usage) {
  return {
    ...head,
    object: 'chat.completion.chunk' as const,
    system_fingerprint: null,
    choices: [{ index: 0, delta: { ...extras }, logprobs: null, finish_reason: 'stop' as const }],
    ...(usage ? { usage } : {}),
    ...extras,
  };
}
