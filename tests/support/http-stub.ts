/**
 * @module tests/support/http-stub
 * The small pieces every stand-in HTTP server of the tests needs: starting and closing one, reading a request
 * body, answering JSON.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Stub {
  /** http://127.0.0.1:PORT, without a trailing slash. */
  url: string;
  /** Runs `onClose`, destroys every open socket and stops the server. */
  close(): Promise<void>;
}

/**
 * Starts a server on a random port of 127.0.0.1 that runs `handle` for every request; a handler that throws
 * answers 500 (or, once headers are sent, drops the connection).
 */
export async function startStub(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  onClose?: () => void,
): Promise<Stub> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(err), type: 'server_error' } });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        onClose?.();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
