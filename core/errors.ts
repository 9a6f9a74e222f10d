/**
 * @module core/errors
 * The project's typed errors. Each carries a stable `code` tests can assert and the HTTP status it maps to;
 * server/http/public-error.ts (toPublicError) is the one place that turns them into `{ "error": { "code", "message" } }`.
 */

export type ErrorCode =
  | 'INVALID_REQUEST'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'REQUEST_TIMEOUT'
  | 'HEADERS_TOO_LARGE'
  | 'SERVER_BUSY'
  | 'INDEX_NOT_READY'
  | 'INDEX_MISSING'
  | 'INDEX_INCOMPATIBLE'
  | 'INDEX_CORRUPT'
  | 'EMPTY_CORPUS'
  | 'UNREADABLE_DOCUMENT'
  | 'INGEST_LOCKED'
  | 'UPSTREAM_FAILED'
  | 'CONFIG_INVALID'
  | 'INTERNAL';

const statusOf: Record<ErrorCode, number> = {
  INVALID_REQUEST: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  REQUEST_TIMEOUT: 408,
  HEADERS_TOO_LARGE: 431,
  SERVER_BUSY: 503,
  INDEX_NOT_READY: 503,
  INDEX_MISSING: 503,
  INDEX_INCOMPATIBLE: 503,
  INDEX_CORRUPT: 503,
  EMPTY_CORPUS: 503,
  UNREADABLE_DOCUMENT: 422,
  INGEST_LOCKED: 409,
  UPSTREAM_FAILED: 503,
  CONFIG_INVALID: 500,
  INTERNAL: 500,
};

/** Base class: a message for people, a code for programs, a status for HTTP. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = statusOf[code];
    this.details = options?.details;
  }
}

/** The request is malformed or out of range (400, 404, 405, 408, 413, 415, 429, 431), or the server is busy (503). */
export class RequestError extends AppError {}

/** The index is missing, stale, built by another embedder, or damaged: re-run ingest. */
export class IndexError extends AppError {}

/** A corpus file could not be read or parsed; ingest reports it and goes on with the others. */
export class DocumentError extends AppError {
  readonly file: string;
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super('UNREADABLE_DOCUMENT', `ingest: ${file}: ${reason}`, options);
    this.file = file;
  }
}

/** An outbound call (LLM, embeddings) failed, timed out or was cut. */
export class UpstreamError extends AppError {
  constructor(message: string, options?: { cause?: unknown; details?: unknown }) {
    super('UPSTREAM_FAILED', message, options);
  }
}

export class ConfigError extends AppError {
  constructor(message: string) {
    super('CONFIG_INVALID', message);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export function errorBody(err: AppError): ErrorBody {
  return { error: { code: err.code, message: err.message } };
}
