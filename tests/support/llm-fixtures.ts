/**
 * @module tests/support/llm-fixtures
 * What the LLM-path tests share: a Prague 1997 document with its Recommendation 18, and a stand-in OpenAI
 * server per test with a config pointing the real client at it.
 */
import { afterEach } from 'vitest';
import type { DocumentMeta, Unit } from '../../core/types.js';
import { configWith, type Config } from '../../core/config.js';
import { startFakeOpenAI, type FakeBehaviour, type FakeOpenAI } from './fake-openai.js';

export const PRAGUE_1997: DocumentMeta = {
  id: 'prague-1997',
  file: 'prague-1997-recommendations.txt',
  title:
    'Recommendations of the Conference of Ministers on the Prevention of Illegal Migration held in the context of the Budapest Process (Prague, 1997)',
  shortTitle: 'Prague 1997 Recommendations',
  aliases: ['Prague 1997'],
  date: '1997-10-14',
  place: 'Prague',
  kind: 'recommendations',
  structure: 'recommendations',
};

export const REC_18_TEXT =
  'Recommend that sanctions be introduced against carriers conducting transport service and failing to identify improperly documented passengers, by fining and holding the carriers liable for the return costs;';

export const REC_18: Unit = {
  id: 'prague-1997:rec-18',
  documentId: 'prague-1997',
  label: 'Recommendation 18',
  kind: 'recommendation',
  number: 18,
  section: '',
  text: REC_18_TEXT,
  page: null,
  order: 18,
};

export type FakeSetup = (
  behaviour: FakeBehaviour,
  openai?: Partial<Config['openai']>,
) => Promise<{ fake: FakeOpenAI; config: Config }>;

/** The `openai` settings that point the real client at a stand-in listening at `url`. */
export function standInOpenAI(url: string, overrides: Partial<Config['openai']> = {}): Config['openai'] {
  return {
    apiKey: 'test-key',
    baseURL: url,
    chatModel: 'fake-model',
    timeoutMs: 5_000,
    maxRetries: 0,
    maxConcurrency: 2,
    maxTokens: 1_024,
    ...overrides,
  };
}

/** Call at the top of a test file: each setup() starts a stand-in, closed after the test. */
export function fakeOpenAIPerTest(): FakeSetup {
  let fake: FakeOpenAI | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  return async (behaviour, openai = {}) => {
    fake = await startFakeOpenAI(behaviour);
    const config = configWith({ openai: standInOpenAI(fake.url, { timeoutMs: 2_000, maxConcurrency: 4, ...openai }) });
    return { fake, config };
  };
}
