/**
 * @module server/http/admission
 * A ceiling on chat requests in progress. The LLM semaphore (server/answer/concurrency.ts) caps calls to
 * the upstream but queues without limit; this caps the queue from the front door, so a flood costs a fast
 * 503 SERVER_BUSY with Retry-After instead of memory and ever-longer waits. Every admitted request is
 * still bounded in time by the chat deadline.
 *
 * A slot is taken only once the request's body has been received in full and parsed: a client trickling
 * its body holds no slot, so 64 slow sockets cannot lock everyone else out (the body itself is bounded by
 * BODY_TIMEOUT_MS in ./body).
 */
import type { RequestHandler } from 'express';
import { RequestError } from '../../core/errors.js';
import { jsonBody } from './body.js';

export function admission(limit: number): RequestHandler {
  let inFlight = 0;
  return (req, res, next) => {
    // Only the answering calls are costly; 405s, preflights and the like pass straight through.
    if (req.method !== 'POST') {
      next();
      return;
    }
    jsonBody(req, res, (err?: unknown) => {
      if (err) {
        next(err);
        return;
      }
      if (inFlight >= limit) {
        res.setHeader('Retry-After', '1');
        next(new RequestError('SERVER_BUSY', `server: ${limit} chat requests already in progress; retry shortly`));
        return;
      }
      inFlight++;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        inFlight--;
      };
      // 'close' fires for finished and abandoned responses alike; 'finish' alone would leak a slot per disconnect.
      res.once('close', release);
      res.once('finish', release);
      next();
    });
  };
}
