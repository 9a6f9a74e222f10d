/**
 * @module server/routes/openai-compat
 * An OpenAI-compatible face on /api/chat, so stock OpenAI clients and evaluation harnesses can use the
 * assistant: POST /v1/chat/completions (JSON, or chunks with `stream: true`), GET /v1/models[/:id].
 * Errors keep the service's `{ error: { code, message } }` shape, which OpenAI clients read as error.message.
 * It has /api/chat's deadline and extractive fallback (CHAT_DEADLINE_MS), which the answerer keeps, and its
 * answer cache (`X-Cache`): the same question gets the same cached answer through either endpoint.
 */
import { Router } from 'express';
import { isLlmConfigured } from '../answer/llm/configured.js';
import { RequestError } from '../../core/errors.js';
import { jsonBody } from '../http/body.js';
import { recordForLog } from '../http/error-handler.js';
import { toPublicError } from '../http/public-error.js';
import { configDirs, secretsOf, streamMasker } from '../http/redact.js';
import { wordPieces } from '../answer/pieces.js';
import { methodNotAllowed } from '../http/method.js';
import { openaiChatSchema, parseBody } from '../http/schemas.js';
import {
  answerText,
  chunk,
  completion,
  completionHead,
  contentOf,
  extrasOf,
  finalChunk,
  sourcesText,
  usageOf,
  type DocumentNamer,
} from '../openai-compat/format.js';
import { listModels } from '../openai-compat/models.js';
import { contentText, toCompatRequest } from '../openai-compat/request.js';
import type { AnswerOptions, Services } from '../services.js';
import type { ChatReply } from '../answer/types.js';
import { abortOnClose, sseData, startEventStream } from '../http/sse.js';
import { cacheHeaders, noAnswerCache, type AnswerCache } from '../cache/answer-cache.js';
import { publishContext, publishReply } from './publish.js';

export function openaiCompatRoutes(services: Services, cache: AnswerCache = noAnswerCache): Router {
  const { catalogue, answerer, config } = services;
  const published = publishContext(services);
  const dirs = configDirs(config);
  const name: DocumentNamer = (id, fallback) => (catalogue.hasDocument(id) ? catalogue.meta(id).shortTitle : fallback);
  const router = Router();

  router
    .route('/v1/chat/completions')
    .post(jsonBody, async (req, res) => {
      const body = parseBody(openaiChatSchema, req.body);
      const { chat, model, stream, includeUsage } = toCompatRequest(body);
      catalogue.assertKnownDocuments(chat.documents);
      const prompt = body.messages.map((m) => contentText(m.content));
      const head = completionHead(model);
      const signal = abortOnClose(res);
      const cached = await cache.lookup(chat);
      res.set(cacheHeaders(cached));
      /** The cached reply, or a new one (kept for the next asker). */
      const replyFor = async (options: AnswerOptions): Promise<ChatReply> => {
        if (cached.status === 'hit') return cached.reply;
        const reply = await answerer.answer(chat, options);
        cached.keep(reply);
        return reply;
      };

      if (!stream) {
        const reply = publishReply(await replyFor({ signal, deadlineMs: config.chatDeadlineMs }), published);
        const content = contentOf(reply, name);
        res.json(completion(head, content, extrasOf(reply), usageOf(prompt, content)));
        return;
      }

      // An LLM answer's markers are renumbered and checked only once it is complete, so its raw tokens would
      // not match the citations; it is sent when checked. Extractive answers stream as they are written.
      const live = chat.mode === 'extractive' || !isLlmConfigured(config);
      startEventStream(res);
      sseData(res, chunk(head, { role: 'assistant', content: '' }));
      // Every content delta is its own event: a key split across deltas is masked here, not in the bytes.
      const masker = streamMasker(secretsOf(config));
      const sendContent = (text: string): void => {
        const safe = masker.push(text);
        if (safe) sseData(res, chunk(head, { content: safe }));
      };
      let streamed = '';
      try {
        const onToken = (text: string): void => {
          streamed += text;
          sendContent(text);
        };
        const reply = publishReply(
          await replyFor({ signal, deadlineMs: config.chatDeadlineMs, ...(live ? { onToken } : {}) }),
          published,
        );
        const answer = answerText(reply);
        const rest = answer.startsWith(streamed) ? answer.slice(streamed.length) : '';
        for (const piece of wordPieces(rest)) sendContent(piece);
        const sources = sourcesText(reply, name);
        if (sources) sendContent(sources);
        const tail = masker.flush();
        if (tail) sseData(res, chunk(head, { content: tail }));
        const usage = includeUsage ? usageOf(prompt, contentOf(reply, name)) : undefined;
        sseData(res, finalChunk(head, extrasOf(reply), usage));
        res.write('data: [DONE]\n\n');
      } catch (err) {
        // OpenAI clients raise an APIError for a data event carrying `error`.
        const { body: errorBody, log } = toPublicError(err, { knownDirs: dirs, where: 'openai-compat' });
        if (log) recordForLog(res, log);
        sseData(res, errorBody);
      }
      res.end();
    })
    .all(methodNotAllowed(['POST']));

  router
    .route('/v1/models')
    .get((_req, res) => void res.json({ object: 'list', data: listModels() }))
    .all(methodNotAllowed(['GET']));

  router
    .route('/v1/models/:id')
    .get((req, res) => {
      const model = listModels().find((m) => m.id === req.params.id);
      if (!model) throw new RequestError('NOT_FOUND', `openai-compat: no model "${req.params.id.slice(0, 100)}"`);
      res.json(model);
    })
    .all(methodNotAllowed(['GET']));

  return router;
}
