/**
 * @module tests/core/embed/select
 * Choosing the embedder from the config, and passing a fitted state back in as the pipeline does.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalSifEmbedder } from '../../../core/embed/local/local-embedder.js';
import { createEmbedder } from '../../../core/embed/select.js';
import { configWith, type Config } from '../../../core/config.js';
import { ConfigError, IndexError } from '../../../core/errors.js';

const base = configWith({});

describe('createEmbedder', () => {
  beforeAll(async () => {
    await createEmbedder(base); // converts the word vectors if this is the first run, outside any test's timeout
  });

  it('defaults to the offline embedder, and round-trips its fitted state through JSON', async () => {
    const embedder = await createEmbedder(base);
    expect(embedder).toBeInstanceOf(LocalSifEmbedder);
    expect(embedder.id).toBe('local-sif-glove100@1');
    const texts = [
      'Recommend that carriers be fined.',
      'Return and readmission agreements.',
      'Protection of victims of trafficking.',
    ];
    const state = JSON.parse(JSON.stringify(embedder.fit!(texts))) as unknown;
    const fitted = await createEmbedder(base, state);
    expect(await fitted.embedQuery(texts[0])).toEqual(
      await (embedder as LocalSifEmbedder).withState(state).embedQuery(texts[0]),
    );
    expect(await createEmbedder(base, null)).toBeInstanceOf(LocalSifEmbedder);
  });

  it('refuses a saved state it cannot use', async () => {
    await expect(createEmbedder(base, { version: 0 })).rejects.toBeInstanceOf(IndexError);
  });

  it('throws ConfigError for an unknown provider and for OpenAI without credentials', async () => {
    const unknown = { ...base, embeddings: { ...base.embeddings, provider: 'cohere' } } as unknown as Config;
    await expect(createEmbedder(unknown)).rejects.toBeInstanceOf(ConfigError);
    const openai: Config = {
      ...base,
      embeddings: { ...base.embeddings, provider: 'openai' },
      openai: { ...base.openai, apiKey: undefined, baseURL: undefined },
    };
    await expect(createEmbedder(openai)).rejects.toThrow(/OPENAI_API_KEY/);
  });
});
