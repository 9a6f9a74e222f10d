/**
 * @module server/cache/answer-cache
 * The answer cache both chat endpoints consult before answering: a hit is the reply an earlier request got
 * for the same question over the same index build (see answer-key.ts); a miss hands back `keep`, which stores
 * the reply once written. Only answers written the way the server meant to write them are kept: an LLM-mode
 * answer that fell back to the offline writer (the model failed or ran out of time) is served once and
 * forgotten, so an outage is never replayed for the TTL. ANSWER_CACHE_TTL_SECONDS=0 turns it off.
 */
import type { Config } from '../../core/config.js';
import { isLlmConfigured } from '../answer/llm/configured.js';
import type { AnswerMode, ChatReply, ChatRequest } from '../answer/types.js';
import { answerCacheKey } from './answer-key.js';
import type { AnswerStore } from './answer-store.js';

export type CacheLookup =
  { status: 'hit'; reply: ChatReply; ageSeconds: number } | { status: 'miss'; keep(reply: ChatReply): void };

export interface AnswerCache {
  /** `off` without a store (TTL 0); else where answers are kept. */
  readonly kind: 'off' | AnswerStore['kind'];
  lookup(request: ChatRequest): Promise<CacheLookup>;
}

const MISS_WITHOUT_CACHE: CacheLookup = { status: 'miss', keep: () => undefined };

export const noAnswerCache: AnswerCache = { kind: 'off', lookup: () => Promise.resolve(MISS_WITHOUT_CACHE) };

/** The mode the answerer writes in when all goes well, and what writes it (part of the key). */
function writerOf(config: Config, request: ChatRequest): { mode: AnswerMode; writer: string } {
  if (request.mode === 'extractive' || !isLlmConfigured(config)) return { mode: 'extractive', writer: 'extractive' };
  return { mode: 'llm', writer: `llm:${config.openai.baseURL ?? 'openai'}:${config.openai.chatModel}` };
}

export function createAnswerCache(config: Config, indexBuild: string, store: AnswerStore | undefined): AnswerCache {
  if (!store || config.answerCache.ttlSeconds === 0) return noAnswerCache;
  return {
    kind: store.kind,
    async lookup(request) {
      const { mode, writer } = writerOf(config, request);
      const key = answerCacheKey(request, { indexBuild, writer });
      const found = await store.get(key);
      if (found) {
        return {
          status: 'hit',
          reply: found.reply,
          ageSeconds: Math.max(0, Math.floor((Date.now() - found.storedAt) / 1000)),
        };
      }
      return {
        status: 'miss',
        keep(reply) {
          if (reply.mode !== mode) return; // a fallback: not what this question gets when all is well
          void store.set(key, { reply, storedAt: Date.now() });
        },
      };
    },
  };
}

/**
 * What a reply's headers say about the cache. `X-Cache` names the outcome and `Age` how old a cached answer
 * is. Cache-Control stays `no-store` (set for the whole API): the answer was shared between clients by the
 * server, which knows when an index build retires it; a browser or proxy keeping its own copy would not.
 */
export function cacheHeaders(lookup: CacheLookup): Record<string, string> {
  return lookup.status === 'hit' ? { 'X-Cache': 'hit', Age: String(lookup.ageSeconds) } : { 'X-Cache': 'miss' };
}
