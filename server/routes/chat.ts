/**
 * @module server/routes/chat
 * POST /api/chat: a cited answer as JSON, or, with `Accept: text/event-stream`, as server-sent events
 * (`token` events while the answer is written, then one `done` event carrying the same JSON).
 */
import { Router, type Request, type Response } from 'express';
import { AppError, errorBody, isAppError } from '../errors.js';
import { jsonBody } from '../http/body.js';
import { methodNotAllowed } from '../http/method.js';
import { chatSchema, parseBody } from '../http/schemas.js';
import type { Services } from '../services.js';

export function wantsEventStream(req: Request): boolean {
  return (req.get('accept') ?? '').includes('text/event-stream');
}

export function sseEvent(res: Response, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** Aborts when the client goes away, so upstream work stops with it. */
export function abortOnClose(req: Request, res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  void req;
  return controller.signal;
}

export function chatRoutes({ catalogue, answerer }: Services): Router {
  const router = Router();
  router
    .route('/api/chat')
    .post(jsonBody, async (req, res) => {
      const body = parseBody(chatSchema, req.body);
      catalogue.assertKnownDocuments(body.documents);
      const signal = abortOnClose(req, res);
      if (!wantsEventStream(req)) {
        res.json(await answerer.answer(body, { signal }));
        return;
      }
      res.status(200).set({
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.flushHeaders();
      try {
        const reply = await answerer.answer(body, { signal, onToken: (text) => sseEvent(res, 'token', { text }) });
        sseEvent(res, 'done', reply);
      } catch (err) {
        const appError = isAppError(err) ? err : new AppError('INTERNAL', 'chat: internal error');
        sseEvent(res, 'error', errorBody(appError));
      }
      res.end();
    })
    .all(methodNotAllowed(['POST']));
  return router;
}
