/**
 * @module server/http/sse
 * Server-sent events, shared by /api/chat and the OpenAI-compatible endpoint: opening a stream, writing
 * events, and noticing when the client has gone.
 */
import type { Request, Response } from 'express';

export function wantsEventStream(req: Request): boolean {
  return (req.get('accept') ?? '').includes('text/event-stream');
}

/** Sends the event-stream headers at once, so the client sees the stream open before the first token. */
export function startEventStream(res: Response): void {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    // Proxies such as nginx would otherwise buffer the stream.
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
}

/** A named event (`event: token`), as /api/chat sends them. */
export function sseEvent(res: Response, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** An unnamed data event carrying JSON, as OpenAI's streaming API sends them. */
export function sseData(res: Response, data: unknown): void {
  res.write(`data: ${JSON.stringify(data)}\n\n`);
}

/** Word-sized pieces that join back to exactly `text`, for streaming a finished answer. */
export function streamPieces(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
}

/** Aborts when the client goes away, so upstream work stops with it. */
export function abortOnClose(res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
