/**
 * @module server/http/deadline
 * The life of one answering request as an AbortSignal: aborted when the client goes away or when the
 * request's deadline passes, with a way to tell which. Routes pass the signal to the answerer, so the
 * upstream call stops with the request.
 */
import type { Request, Response } from 'express';
import { UpstreamError } from '../../core/errors.js';

export interface RequestScope {
  signal: AbortSignal;
  /** The deadline passed (the client may still be waiting). */
  readonly expired: boolean;
  /** The client closed the connection before the response was complete. */
  readonly clientGone: boolean;
  /** Rejects with UpstreamError when the deadline passes; never resolves. Already handled: safe to ignore. */
  readonly deadline: Promise<never>;
  /** Stops the timer; call when the response is done. */
  dispose(): void;
}

export function requestScope(_req: Request, res: Response, deadlineMs: number): RequestScope {
  const controller = new AbortController();
  let expired = false;
  let clientGone = false;
  let fail: (err: Error) => void = () => {};
  const deadline = new Promise<never>((_, reject) => {
    fail = reject;
  });
  deadline.catch(() => undefined);
  const timer = setTimeout(() => {
    expired = true;
    const err = new UpstreamError(`chat: no answer within the ${deadlineMs} ms deadline`);
    controller.abort(err);
    fail(err);
  }, deadlineMs);
  timer.unref();
  const onClose = () => {
    if (res.writableFinished) return;
    clientGone = true;
    controller.abort(new Error('client closed the connection'));
  };
  res.on('close', onClose);
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    get clientGone() {
      return clientGone;
    },
    deadline,
    dispose() {
      clearTimeout(timer);
      res.off('close', onClose);
    },
  };
}
