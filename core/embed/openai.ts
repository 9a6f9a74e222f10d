/**
 * @module core/embed/openai
 * OpenAI (or any OpenAI-compatible server, via OPENAI_BASE_URL) embeddings through LangChain's
 * `OpenAIEmbeddings`, with the failure behaviour pinned down: a per-attempt timeout, few retries, an
 * overall deadline, and every failure surfaced as an UpstreamError that never contains the API key.
 */
import { Embeddings } from '@langchain/core/embeddings';
import { OpenAIEmbeddings } from '@langchain/openai';
import type { Config } from '../config.js';
import { ConfigError, UpstreamError } from '../errors.js';
import type { TextEmbedder } from './types.js';

/** Output widths of OpenAI's models; other models' widths are learnt from the first response. */
export const KNOWN_DIMENSIONS: Readonly<Record<string, number>> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

/** Placeholder for key-less compatible servers: the OpenAI client refuses to start without a key. */
const NO_KEY = 'no-key';

export class OpenAITextEmbedder extends Embeddings implements TextEmbedder {
  readonly id: string;
  private readonly client: OpenAIEmbeddings;
  private readonly deadlineMs: number;
  private learntDimensions: number | undefined;

  constructor(
    private readonly model: string,
    private readonly settings: {
      apiKey: string | undefined;
      baseURL: string | undefined;
      timeoutMs: number;
      maxRetries: number;
      maxConcurrency: number;
    },
  ) {
    super({ maxRetries: 0 }); // retries happen once, inside `client`
    this.id = `openai:${model}`;
    this.learntDimensions = KNOWN_DIMENSIONS[model];
    this.client = new OpenAIEmbeddings({
      model,
      apiKey: settings.apiKey ?? NO_KEY,
      timeout: settings.timeoutMs,
      // LangChain's default is 6 retries with exponential backoff: minutes of waiting on an outage.
      maxRetries: settings.maxRetries,
      maxConcurrency: settings.maxConcurrency,
      // Compatible servers (vLLM, Ollama, LM Studio) do not all honour the client's default base64.
      encodingFormat: 'float',
      ...(settings.baseURL ? { configuration: { baseURL: settings.baseURL } } : {}),
    });
    // The client's timeout stops at the response headers; a body that stalls is only caught by this.
    // Backoff before retry k is at most 2 s × 2^(k-1) (p-retry, randomised factor ≤ 2).
    this.deadlineMs = settings.timeoutMs * (settings.maxRetries + 1) + 2000 * (2 ** settings.maxRetries - 1) + 1000;
  }

  /** Known per model, else learnt from the first response; asking before then is a programming error. */
  get dimensions(): number {
    if (this.learntDimensions === undefined) {
      throw new ConfigError(`embeddings: the width of model "${this.model}" is unknown until its first response`);
    }
    return this.learntDimensions;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    return this.checked(await this.call(() => this.client.embedDocuments(texts)), texts.length);
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.checked([await this.call(() => this.client.embedQuery(text))], 1)[0];
  }

  private async call<T>(run: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.deadlineMs} ms`)), this.deadlineMs);
    });
    try {
      return await Promise.race([run(), deadline]);
    } catch (err) {
      throw new UpstreamError(`embeddings: ${this.model} at ${this.endpoint()} failed: ${this.describe(err)}`, {
        cause: this.sanitised(err),
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Unit-normalised plain arrays of one consistent width, or an UpstreamError. */
  private checked(vectors: ArrayLike<number>[], expected: number): number[][] {
    if (!Array.isArray(vectors) || vectors.length !== expected) {
      throw new UpstreamError(
        `embeddings: ${this.model} returned ${Array.isArray(vectors) ? vectors.length : 'no'} vectors for ${expected} texts`,
      );
    }
    const width = this.learntDimensions ?? vectors[0]?.length;
    const out = vectors.map((v) => {
      if (!v || v.length !== width || v.length === 0) {
        throw new UpstreamError(
          `embeddings: ${this.model} returned a vector of width ${v?.length ?? 0}, expected ${width}`,
        );
      }
      return unit(v, this.model);
    });
    this.learntDimensions = width;
    return out;
  }

  private endpoint(): string {
    if (!this.settings.baseURL) return 'api.openai.com';
    try {
      return new URL(this.settings.baseURL).host; // the host only: a URL may carry credentials
    } catch {
      return 'the configured OPENAI_BASE_URL';
    }
  }

  private describe(err: unknown): string {
    const e = err as { status?: unknown; name?: unknown; message?: unknown } | null;
    const status = typeof e?.status === 'number' ? `HTTP ${e.status}: ` : '';
    const name = typeof e?.name === 'string' && e.name !== 'Error' ? `${e.name}: ` : '';
    const message = typeof e?.message === 'string' ? e.message : String(err);
    return this.redact(`${status}${name}${message}`).slice(0, 500);
  }

  /** A plain Error for `cause`: the client's error objects carry headers and bodies nobody audited. */
  private sanitised(err: unknown): Error {
    const e = new Error(this.describe(err));
    e.name = err instanceof Error ? err.name : 'Error';
    return e;
  }

  private redact(text: string): string {
    const key = this.settings.apiKey;
    const withoutKey = key ? text.split(key).join('[redacted]') : text;
    return withoutKey.replace(/\bsk-[\w*-]{6,}/g, 'sk-[redacted]');
  }
}

function unit(v: ArrayLike<number>, model: string): number[] {
  let sq = 0;
  for (let i = 0; i < v.length; i++) sq += v[i] * v[i];
  const norm = Math.sqrt(sq);
  if (!(norm > 0) || !Number.isFinite(norm))
    throw new UpstreamError(`embeddings: ${model} returned a zero or non-finite vector`);
  return Array.from(v, (x) => x / norm);
}

/** The OpenAI embedder for `config`: OPENAI_API_KEY is required unless OPENAI_BASE_URL names another server. */
export function createOpenAIEmbedder(config: Config): OpenAITextEmbedder {
  const { apiKey, baseURL, maxRetries, maxConcurrency } = config.openai;
  if (!apiKey && !baseURL) {
    throw new ConfigError(
      'config: EMBEDDINGS=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server)',
    );
  }
  return new OpenAITextEmbedder(config.embeddings.model, {
    apiKey,
    baseURL,
    timeoutMs: config.embeddings.timeoutMs,
    maxRetries,
    maxConcurrency,
  });
}
