/**
 * @module server/routes/chat
 * POST /api/chat: a cited answer as JSON, or, with `Accept: text/event-stream`, as server-sent events
 * (`token` events while the answer is written, then one `done` event carrying the same JSON).
 * Every chat has a deadline (CHAT_DEADLINE_MS), kept by the answerer: past it the LLM call is abandoned and
 * the question is answered extractively, with a notice, so a slow or queued upstream never holds a client.
 * The answer cache is consulted first (`X-Cache: hit|miss`); a hit streams as `token` events then `done`.
 */
import { Router } from 'express';
import { jsonBody } from '../http/body.js';
import { recordForLog } from '../http/error-handler.js';
import { toPublicError } from '../http/public-error.js';
import { methodNotAllowed } from '../http/method.js';
import { abortOnClose, sseEvent, startEventStream, wantsEventStream } from '../http/sse.js';
import { wordPieces } from '../answer/pieces.js';
import { configDirs, secretsOf, streamMasker } from '../http/redact.js';
import { chatSchema, parseBody } from '../http/schemas.js';
import { cacheHeaders, noAnswerCache, type AnswerCache } from '../cache/answer-cache.js';
import type { Services } from '../services.js';
import { publishContext, publishReply } from './publish.js';

export function chatRoutes(services: Services, cache: AnswerCache = noAnswerCache): Router {
  const { catalogue, answerer, config } = services;
  const published = publishContext(services);
  const dirs = configDirs(config);
  const secrets = secretsOf(config);
  const router = Router();
  router
    .route('/api/chat')
    .post(jsonBody, async (req, res) => {
      const body = parseBody(chatSchema, req.body);
      catalogue.assertKnownDocuments(body.documents);
      const signal = abortOnClose(res);
      const deadlineMs = config.chatDeadlineMs;
      const cached = await cache.lookup(body);
      res.set(cacheHeaders(cached));
      if (!wantsEventStream(req)) {
        const reply =
          cached.status === 'hit'
            ? cached.reply
            : await answerer.answer(body, { signal, deadlineMs }).catch((err: unknown) => {
                if (signal.aborted) return null; // nobody to answer
                throw err;
              });
        if (!reply) return;
        if (cached.status === 'miss') cached.keep(reply);
        res.json(publishReply(reply, published));
        return;
      }
      startEventStream(res);
      // Each token is its own event, so a key split across tokens is masked here, not in the bytes.
      const masker = streamMasker(secrets);
      const sendToken = (text: string): void => {
        if (text) sseEvent(res, 'token', { text });
      };
      try {
        let reply;
        if (cached.status === 'hit') {
          reply = cached.reply;
          for (const piece of wordPieces(reply.answer)) sendToken(masker.push(piece));
        } else {
          reply = await answerer.answer(body, {
            signal,
            deadlineMs,
            onToken: (text) => sendToken(masker.push(text)),
            onReset: () => {
              masker.reset();
              sseEvent(res, 'reset', {});
            },
          });
          cached.keep(reply);
        }
        sendToken(masker.flush());
        sseEvent(res, 'done', publishReply(reply, published));
      } catch (err) {
        if (signal.aborted) return;
        const { body: errorBody, log } = toPublicError(err, { knownDirs: dirs, where: 'chat' });
        if (log) recordForLog(res, log);
        sseEvent(res, 'error', errorBody);
      }
      res.end();
    })
    .all(methodNotAllowed(['POST']));
  return router;
}
