/**
 * @module core/embed/select
 * Picks the embedder named by the config. The OpenAI module is imported only when chosen, so the default
 * offline server does not pay for loading it at start.
 */
import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import { LocalSifEmbedder } from './local/local-embedder.js';
import type { TextEmbedder } from './types.js';

export interface CreateEmbedderOptions {
  /** Progress lines (the one-time word vector conversion); nothing is printed otherwise. */
  onProgress?: (message: string) => void;
}

/**
 * `state` is what a previous `fit` returned, as saved with the index (null/undefined: none). Throws
 * ConfigError for an unknown provider or missing credentials, IndexError for a state that does not fit.
 */
export async function createEmbedder(
  config: Config,
  state?: unknown,
  options: CreateEmbedderOptions = {},
): Promise<TextEmbedder> {
  const provider: string = config.embeddings.provider;
  switch (provider) {
    case 'local':
      return LocalSifEmbedder.open({ cacheDir: config.cacheDir, state, onProgress: options.onProgress });
    case 'openai': {
      const { createOpenAIEmbedder } = await import('./openai.js');
      return createOpenAIEmbedder(config);
    }
    default:
      throw new ConfigError(`config: unknown EMBEDDINGS provider "${provider}" (expected "local" or "openai")`);
  }
}
