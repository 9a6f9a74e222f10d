/**
 * @module server/http/server
 * The HTTP server around the app: timeouts, JSON answers even for requests Node refuses before Express
 * sees them (malformed HTTP, oversized headers, a body that never arrives), the gate that lets the process
 * listen before the index is loaded and swap the real app in afterwards, and draining on SIGTERM.
 */
import { STATUS_CODES } from 'node:http';
import type { IncomingMessage, RequestListener, Server, ServerOptions, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { Config } from '../../core/config.js';
import { AppError, errorBody, type ErrorCode } from '../../core/errors.js';

/**
 * Options for http.createServer. Node enforces requestTimeout only when it sweeps its connections, every
 * 30 s by default, so a 60 s timeout could take 90; sweeping more often keeps the bound close to the setting.
 */
export function httpServerOptions(config: Config): ServerOptions {
  return { connectionsCheckingInterval: Math.max(50, Math.min(5_000, Math.floor(config.requestTimeoutMs / 4))) };
}

/** Timeouts and client-error answers. `requestTimeout` bounds slow senders (slowloris); answers are bounded per route. */
export function configureServer(server: Server, config: Config): void {
  server.requestTimeout = config.requestTimeoutMs;
  server.headersTimeout = Math.min(config.requestTimeoutMs, 60_000);
  server.keepAliveTimeout = 5_000;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => answerClientError(err, socket));
}

function clientErrorCode(err: NodeJS.ErrnoException): ErrorCode {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return 'HEADERS_TOO_LARGE';
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 'REQUEST_TIMEOUT';
    default:
      return 'INVALID_REQUEST';
  }
}

const MESSAGE: Partial<Record<ErrorCode, string>> = {
  HEADERS_TOO_LARGE: 'request: headers are too large',
  REQUEST_TIMEOUT: 'request: the request was not received in time',
  INVALID_REQUEST: 'request: malformed HTTP request',
};

/** Node's default answer is a bare status line; clients of this API expect the JSON error shape everywhere. */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  // A response already under way on this socket cannot be replaced; and a reset socket has no one to answer.
  const inProgress = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (err.code === 'ECONNRESET' || !socket.writable || inProgress) {
    socket.destroy();
    return;
  }
  const code = clientErrorCode(err);
  const error = new AppError(code, MESSAGE[code] ?? 'request: malformed HTTP request');
  const body = JSON.stringify(errorBody(error));
  socket.end(
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? 'Bad Request'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Cache-Control: no-store\r\n' +
      'X-Content-Type-Options: nosniff\r\n' +
      'Connection: close\r\n\r\n' +
      body,
  );
}

/** The request listener of the server: whichever app is in service, swappable once, and closable. */
export interface Gate {
  listener: RequestListener;
  /** Puts `app` in service for every request from now on. */
  serve(app: RequestListener): void;
  /** From now on every response asks the client to close the connection. */
  close(): void;
  readonly closing: boolean;
}

export function createGate(initial: RequestListener): Gate {
  let current = initial;
  let closing = false;
  return {
    listener: (req: IncomingMessage, res: ServerResponse) => {
      // Keep-alive clients would otherwise keep a draining server busy with new requests.
      if (closing) res.setHeader('Connection', 'close');
      current(req, res);
    },
    serve(app) {
      current = app;
    },
    close() {
      closing = true;
    },
    get closing() {
      return closing;
    },
  };
}

export interface DrainOptions {
  graceMs: number;
  log: Logger;
  /** How the process ends (tests pass a spy). */
  exit?: (code: number) => void;
}

/**
 * On SIGTERM or SIGINT: stop accepting connections, let requests in flight finish, then exit 0. Whatever is
 * still running after `graceMs` is cut. A second signal cuts at once.
 */
export function drainOnSignal(server: Server, gate: Gate, options: DrainOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const stop = (signal: string) => {
    if (gate.closing) {
      options.log.warn({ signal }, 'second signal: closing all connections now');
      server.closeAllConnections();
      exit(0);
      return;
    }
    gate.close();
    options.log.info({ signal, graceMs: options.graceMs }, 'shutting down: finishing in-flight requests');
    server.close(() => {
      options.log.info('all requests finished; exiting');
      exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => {
      options.log.warn('grace period over: closing the connections still open');
      server.closeAllConnections();
      exit(0);
    }, options.graceMs).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
