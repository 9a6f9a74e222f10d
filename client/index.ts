/**
 * @module client
 * A typed client for the assistant's HTTP API, for evaluators' test suites and scripts:
 * `createClient({ baseUrl }).ask(question)` → the cited ChatReply. Types come from the server's own contract
 * (type-only imports: nothing of the server is loaded). Any error response becomes a {@link ClientError}.
 */
import type { AnswerMode, ChatReply, ChatTurn } from '../server/answer/types.js';
import type { DocumentSummary, PublicUnit } from '../server/catalogue.js';
import type { ErrorCode } from '../core/errors.js';
import type { HealthReply } from '../server/routes/health.js';
import type { UnitSummary } from '../server/routes/units.js';
import type { VerifyRequest, VerifyResponse } from '../server/verify/verify-citations.js';

export type {
  AnswerFlag,
  AnswerFlagCode,
  AnswerMode,
  ChatReply,
  ChatTurn,
  Citation,
  ClosestMatch,
} from '../server/answer/types.js';
export type { DocumentSummary, PublicUnit } from '../server/catalogue.js';
export type { VerifyRequest, VerifyResponse, VerifiedCitation } from '../server/verify/verify-citations.js';
export type { HealthReply } from '../server/routes/health.js';
export type { UnitSummary } from '../server/routes/units.js';

export interface ClientOptions {
  /** e.g. http://127.0.0.1:3000 (a trailing slash is fine). */
  baseUrl: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

export interface AskOptions {
  history?: ChatTurn[];
  documents?: string[];
  mode?: 'auto' | AnswerMode;
  signal?: AbortSignal;
}

export interface SearchOptions {
  k?: number;
  documents?: string[];
  signal?: AbortSignal;
}

export interface SearchResult {
  id: string;
  documentId: string;
  documentTitle: string;
  label: string;
  section: string;
  text: string;
  page: number | null;
  score: number;
}

export interface SearchResponse {
  results: SearchResult[];
  /** Documents the search was restricted to (given, or named in the query); null = all. */
  scope: string[] | null;
  /** Misspelt words of the query read as the documents' own ("sanctons" → "sanctions"); empty when none. */
  corrections: { from: string; to: string }[];
  /** The index that answered (its corpus fingerprint). */
  indexBuild: string;
}

export interface VerifyManyOptions {
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  signal?: AbortSignal;
}

export type DocumentWithUnits = DocumentSummary & { units: PublicUnit[] };
export type Passage = PublicUnit & { documentId: string; documentTitle: string };

/** Codes beyond the server's: the server could not be reached, or answered with something not JSON. */
export type ClientErrorCode = ErrorCode | 'NETWORK_ERROR' | 'BAD_RESPONSE';

export class ClientError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  constructor(status: number, code: ClientErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClientError';
    this.status = status;
    this.code = code;
  }
}

export interface Client {
  ask(question: string, options?: AskOptions): Promise<ChatReply>;
  search(query: string, options?: SearchOptions): Promise<SearchResponse>;
  verify(input: VerifyRequest): Promise<VerifyResponse>;
  /** Verifies many answers (one /api/verify call each, a few at a time); results in the order given. */
  verifyMany(inputs: readonly VerifyRequest[], options?: VerifyManyOptions): Promise<VerifyResponse[]>;
  /** Every unit's id, document, label, kind, section and page (GET /api/units), optionally of one document. */
  units(options?: { document?: string }): Promise<UnitSummary[]>;
  health(): Promise<HealthReply>;
  documents(): Promise<DocumentSummary[]>;
  document(id: string): Promise<DocumentWithUnits>;
  passage(id: string): Promise<Passage>;
}

function isErrorBody(value: unknown): value is { error: { code: ErrorCode; message: string } } {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

export function createClient(options: ClientOptions): Client {
  const base = options.baseUrl.replace(/(?<!\/)\/+$/, '');
  const doFetch = options.fetch ?? fetch;

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const url = `${base}${path}`;
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new ClientError(0, 'NETWORK_ERROR', `client: ${method} ${url}: ${(err as Error).message}`, { cause: err });
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ClientError(
        res.status,
        'BAD_RESPONSE',
        `client: ${method} ${url}: status ${res.status}, body is not JSON`,
      );
    }
    if (res.ok) return json as T;
    if (isErrorBody(json)) throw new ClientError(res.status, json.error.code, json.error.message);
    throw new ClientError(res.status, 'BAD_RESPONSE', `client: ${method} ${url}: status ${res.status}`);
  }

  const id = (value: string) => encodeURIComponent(value);
  // Only what is checked is sent: a ChatReply's citations also carry whole unit texts, which add nothing.
  const verify = ({ answer, citations }: VerifyRequest, signal?: AbortSignal): Promise<VerifyResponse> =>
    call('POST', '/api/verify', { answer, citations: citations.map(({ id, quote, n }) => ({ id, quote, n })) }, signal);
  return {
    ask: (question, { signal, ...rest } = {}) => call('POST', '/api/chat', { question, ...rest }, signal),
    search: (query, { signal, ...rest } = {}) => call('POST', '/api/search', { query, ...rest }, signal),
    verify: (input) => verify(input),
    async verifyMany(inputs, { concurrency = 4, signal } = {}) {
      const results: VerifyResponse[] = new Array<VerifyResponse>(inputs.length);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < inputs.length) {
          const i = next++;
          results[i] = await verify(inputs[i], signal);
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, inputs.length)) }, worker));
      return results;
    },
    units: async ({ document } = {}) =>
      (await call<{ units: UnitSummary[] }>('GET', `/api/units${document ? `?document=${id(document)}` : ''}`)).units,
    health: () => call('GET', '/healthz'),
    documents: async () => (await call<{ documents: DocumentSummary[] }>('GET', '/api/documents')).documents,
    document: (documentId) => call('GET', `/api/documents/${id(documentId)}`),
    passage: (unitId) => call('GET', `/api/passages/${id(unitId)}`),
  };
}
