/**
 * @module core/config
 * The one place the environment is read. Validated with zod; every default works offline.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from './errors.js';

/**
 * The project folder: the nearest folder above this module that holds package.json. This module may run from
 * core/, from dist/server/ or from a shared chunk of the bundle (dist/server/chunks/), so no fixed number of
 * levels up is right.
 */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}
const root = projectRoot(path.dirname(fileURLToPath(import.meta.url)));

const boolish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  CORPUS_DIR: z.string().default(path.join(root, 'corpus')),
  INDEX_DIR: z.string().default(path.join(root, '.index')),
  CACHE_DIR: z.string().default(path.join(root, '.cache')),
  EMBEDDINGS: z.enum(['local', 'openai']).default('local'),
  EMBEDDINGS_MODEL: z.string().default('text-embedding-3-small'),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  CHAT_MODEL: z.string().default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
  LLM_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  // The most the chat model may write in one reply; its text is also cut off past a multiple of this.
  LLM_MAX_TOKENS: z.coerce.number().int().min(16).max(32_768).default(1_024),
  EMBEDDINGS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600), // 0 turns it off
  // Express's `trust proxy`: empty = off (rate limits key on the socket address), else hops or addresses.
  TRUST_PROXY: z.string().default(''),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  // Receiving a JSON body, once the headers are in: a trickled body gets 408 after this.
  BODY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  // A chat still waiting on the LLM after this long is answered extractively instead.
  CHAT_DEADLINE_MS: z.coerce.number().int().min(100).max(600_000).default(45_000),
  // Chat requests in progress (running or queued for an LLM slot); beyond it, 503 SERVER_BUSY.
  CHAT_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(64),
  // While no usable index is in service, how often to look for one (a finished ingest).
  INDEX_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(2_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  CORS_ORIGINS: z.string().default(''), // comma-separated; empty = CORS off
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLUSTER_WORKERS: z.coerce.number().int().min(0).max(64).default(0),
  AUTO_INGEST: boolish.default(true),
  // Shared state for replicas (rate limits, answer cache); empty = each process keeps its own, in memory.
  REDIS_URL: z
    .string()
    .trim()
    .refine((v) => v === '' || /^rediss?:\/\/\S+$/.test(v), 'must be a redis:// or rediss:// URL')
    .default(''),
  // How long an answer is reused for the same question over the same index build; 0 turns the cache off.
  ANSWER_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(604_800).default(3_600),
  // Entries the in-process cache holds (without REDIS_URL); the least recently used go first.
  ANSWER_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
  // `npm run start:replicas`: how many server processes nginx balances over.
  REPLICAS: z.coerce.number().int().min(1).max(32).default(3),
  // Where people reach this service; citations then carry absolute links (`link`). Empty = relative urls only.
  PUBLIC_URL: z
    .string()
    .trim()
    .refine(
      (v) => v === '' || /^https?:\/\/[^/\s]+/.test(v),
      'must be an http(s) URL such as https://assistant.example.org',
    )
    .default(''),
  // Which lexical resources read a question's words the corpus never uses as its own (ablations; default both).
  BRIDGES: z.enum(['none', 'wordnet', 'vectors', 'both']).default('both'),
  // The hand-written glossary (server/retrieve/glossary.json); off only to measure what it adds.
  GLOSSARY: boolish.default(true),
  // Bridges for a question's words the corpus does use, to WordNet synonyms and derived forms (ablation; on).
  KNOWN_BRIDGES: boolish.default(true),
  // "development" serves the page's source maps; anything else keeps them private.
  NODE_ENV: z.string().default('production'),
});

export type Config = {
  port: number;
  host: string;
  rootDir: string;
  corpusDir: string;
  indexDir: string;
  cacheDir: string;
  embeddings: { provider: 'local' | 'openai'; model: string; timeoutMs: number };
  openai: {
    apiKey: string | undefined;
    baseURL: string | undefined;
    chatModel: string;
    timeoutMs: number;
    maxRetries: number;
    maxConcurrency: number;
    /** LLM_MAX_TOKENS: the longest reply the model may write. */
    maxTokens: number;
  };
  rateLimitPerMinute: number;
  trustProxy: boolean | number | string;
  requestTimeoutMs: number;
  bodyTimeoutMs: number;
  chatDeadlineMs: number;
  chatMaxInFlight: number;
  indexPollMs: number;
  shutdownGraceMs: number;
  corsOrigins: string[];
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  clusterWorkers: number;
  autoIngest: boolean;
  /** REDIS_URL; undefined when not set (rate limits and the answer cache then stay in this process). */
  redisUrl: string | undefined;
  /** Answers reused for the same question over the same index build; ttlSeconds 0 = off. */
  answerCache: { ttlSeconds: number; maxEntries: number };
  /** Server processes behind nginx for `npm run start:replicas`. */
  replicas: number;
  /** PUBLIC_URL without a trailing slash; undefined when not set. */
  publicUrl: string | undefined;
  /** NODE_ENV=development: serve source maps of the page. */
  development: boolean;
  /** BRIDGES, KNOWN_BRIDGES and GLOSSARY: the sources of rewording the retriever uses; all on unless measuring. */
  wording: { bridges: BridgeSources; knownWords: boolean; glossary: boolean };
};

/** Where bridges for a word the corpus never uses come from: WordNet's map, the word vectors, both or neither. */
export type BridgeSources = 'none' | 'wordnet' | 'vectors' | 'both';

/** TRUST_PROXY as Express wants it: off, a hop count, or a list of trusted addresses ("loopback", "10.0.0.0/8"). */
function trustProxySetting(value: string): boolean | number | string {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'false' || v === '0' || v === 'off' || v === 'no') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return value.trim();
}

/** Reads and validates a config from an environment (process.env by default). Throws ConfigError naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`config: invalid environment: ${issues}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    rootDir: root,
    corpusDir: path.resolve(e.CORPUS_DIR),
    indexDir: path.resolve(e.INDEX_DIR),
    cacheDir: path.resolve(e.CACHE_DIR),
    embeddings: { provider: e.EMBEDDINGS, model: e.EMBEDDINGS_MODEL, timeoutMs: e.EMBEDDINGS_TIMEOUT_MS },
    openai: {
      apiKey: e.OPENAI_API_KEY || undefined,
      baseURL: e.OPENAI_BASE_URL,
      chatModel: e.CHAT_MODEL,
      timeoutMs: e.LLM_TIMEOUT_MS,
      maxRetries: e.LLM_MAX_RETRIES,
      maxConcurrency: e.LLM_MAX_CONCURRENCY,
      maxTokens: e.LLM_MAX_TOKENS,
    },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    trustProxy: trustProxySetting(e.TRUST_PROXY),
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    bodyTimeoutMs: e.BODY_TIMEOUT_MS,
    chatDeadlineMs: e.CHAT_DEADLINE_MS,
    chatMaxInFlight: e.CHAT_MAX_IN_FLIGHT,
    indexPollMs: e.INDEX_POLL_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: e.LOG_LEVEL,
    clusterWorkers: e.CLUSTER_WORKERS,
    autoIngest: e.AUTO_INGEST,
    redisUrl: e.REDIS_URL || undefined,
    answerCache: { ttlSeconds: e.ANSWER_CACHE_TTL_SECONDS, maxEntries: e.ANSWER_CACHE_MAX_ENTRIES },
    replicas: e.REPLICAS,
    publicUrl: e.PUBLIC_URL.replace(/(?<!\/)\/+$/, '') || undefined,
    development: e.NODE_ENV === 'development',
    wording: { bridges: e.BRIDGES, knownWords: e.KNOWN_BRIDGES, glossary: e.GLOSSARY },
  };
}

/** Config overridden piecewise, for tests and tools. */
export function configWith(overrides: Partial<Config>, env: NodeJS.ProcessEnv = {}): Config {
  return { ...loadConfig(env), ...overrides };
}
