/**
 * @module server/routes/chat
 * POST /api/chat: a cited answer as JSON, or, with `Accept: text/event-stream`, as server-sent events
 * (`token` events while the answer is written, then one `done` event carrying the same JSON).
 * Every chat has a deadline (CHAT_DEADLINE_MS): past it the LLM call is abandoned and the question is
 * answered extractively, with a notice, so a slow or queued upstream never holds a client indefinitely.
 */
import { Router } from 'express';
import type { ChatReply, ChatRequest, TokenSink } from '../answer/types.js';
import { AppError, isAppError } from '../errors.js';
import { jsonBody } from '../http/body.js';
import { requestScope, type RequestScope } from '../http/deadline.js';
import { publicErrorBody, recordForLog } from '../http/error-handler.js';
import { methodNotAllowed } from '../http/method.js';
import { sseEvent, startEventStream, wantsEventStream } from '../http/sse.js';
import { configDirs, secretsOf, streamMasker } from '../http/redact.js';
import { chatSchema, parseBody } from '../http/schemas.js';
import type { Services } from '../services.js';

export function chatRoutes({ catalogue, answerer, config }: Services): Router {
  const dirs = configDirs(config);
  const secrets = secretsOf(config);
  const deadlineNotice = `The language model did not answer within ${Math.round(config.chatDeadlineMs / 1000)} s; this answer was written offline from the documents.`;

  /**
   * The answer, or past the deadline the extractive one. The race matters: a request queued for an LLM slot
   * does not see its signal until a slot frees, and the deadline must hold regardless.
   */
  async function answerWithin(
    scope: RequestScope,
    body: ChatRequest,
    onToken?: TokenSink,
    onReset?: () => void,
  ): Promise<ChatReply> {
    let live = true;
    let streamed = false;
    const sink: TokenSink | undefined =
      onToken &&
      ((text) => {
        if (!live) return;
        streamed = true;
        onToken(text);
      });
    const answered = answerer.answer(body, { signal: scope.signal, onToken: sink, onReset: () => live && onReset?.() });
    answered.catch(() => undefined); // abandoned past the deadline; its rejection is expected
    try {
      return await Promise.race([answered, scope.deadline]);
    } catch (err) {
      if (!scope.expired || scope.clientGone) throw err;
      live = false;
      if (streamed) onReset?.();
      const reply = await answerer.answer({ ...body, mode: 'extractive' }, { onToken });
      return { ...reply, notice: deadlineNotice };
    }
  }

  const router = Router();
  router
    .route('/api/chat')
    .post(jsonBody, async (req, res) => {
      const body = parseBody(chatSchema, req.body);
      catalogue.assertKnownDocuments(body.documents);
      const scope = requestScope(req, res, config.chatDeadlineMs);
      try {
        if (!wantsEventStream(req)) {
          const reply = await answerWithin(scope, body).catch((err: unknown) => {
            if (scope.clientGone) return null; // nobody to answer
            throw err;
          });
          if (reply) res.json(reply);
          return;
        }
        startEventStream(res);
        // Each token is its own event, so a key split across tokens is masked here, not in the bytes.
        const masker = streamMasker(secrets);
        const sendToken = (text: string): void => {
          if (text) sseEvent(res, 'token', { text });
        };
        try {
          const reply = await answerWithin(
            scope,
            body,
            (text) => sendToken(masker.push(text)),
            () => {
              masker.reset();
              sseEvent(res, 'reset', {});
            },
          );
          sendToken(masker.flush());
          sseEvent(res, 'done', reply);
        } catch (err) {
          if (scope.clientGone) return;
          const appError = isAppError(err) ? err : new AppError('INTERNAL', 'chat: internal error');
          if (appError.status >= 500) recordForLog(res, err);
          sseEvent(res, 'error', publicErrorBody(appError, dirs));
        }
        res.end();
      } finally {
        scope.dispose();
      }
    })
    .all(methodNotAllowed(['POST']));
  return router;
}
