/**
 * @module server/openai-compat/models
 * The model names the OpenAI-compatible endpoint lists, and the answer mode a requested name selects.
 */
import type { ChatRequest } from '../answer/types.js';

export const DEFAULT_MODEL = 'budapest-process-assistant';
export const EXTRACTIVE_MODEL = `${DEFAULT_MODEL}-extractive`;

export interface ModelEntry {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

// A fixed date: clients cache model lists, and a creation time that changed on every restart would churn them.
const CREATED = Math.floor(Date.UTC(2025, 0, 1) / 1000);

export function listModels(): ModelEntry[] {
  return [DEFAULT_MODEL, EXTRACTIVE_MODEL].map((id) => ({
    id,
    object: 'model',
    created: CREATED,
    owned_by: 'budapest-process',
  }));
}

/**
 * The answer mode a model name asks for: "…-extractive" and "…-llm" force one; any other name (including names
 * generic clients send by default, such as "gpt-4o-mini") lets the server choose, as /api/chat's "auto" does.
 */
export function modeForModel(model: string): NonNullable<ChatRequest['mode']> {
  if (model.endsWith('-extractive')) return 'extractive';
  if (model.endsWith('-llm')) return 'llm';
  return 'auto';
}
