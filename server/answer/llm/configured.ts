/**
 * @module server/answer/llm/configured
 * Whether this server can call a chat model, decided from the config alone: kept apart from the LangChain
 * client so that an offline server never loads LangChain.
 */
import type { Config } from '../../../core/config.js';

/** Whether an LLM can be called at all: a key, or a base URL of a server that needs none. */
export function isLlmConfigured(config: Config): boolean {
  return Boolean(config.openai.apiKey || config.openai.baseURL);
}
