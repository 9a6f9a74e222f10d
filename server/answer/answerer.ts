/**
 * @module server/answer/answerer
 * Answers a chat request: picks the mode (LLM when configured, else extractive), handles follow-ups,
 * retrieves, weighs the evidence, writes the answer, and falls back to the extractive answer with a notice
 * whenever the LLM upstream fails. Never lets an upstream failure become a 500.
 */
import type { DocumentMeta } from '../../ingest/types.js';
import type { Config } from '../config.js';
import { UpstreamError } from '../errors.js';
import { compileDocumentNames, resolveDocuments } from '../retrieve/documents.js';
import type { Retriever, SearchRequest, SearchResult } from '../retrieve/types.js';
import type { Answerer } from '../services.js';
import { Semaphore } from './concurrency.js';
import type { TermStatistics } from '../retrieve/term-stats.js';
import { weighEvidence } from './evidence.js';
import { closestMatches, DECLINE_MESSAGE, writeExtractiveAnswer } from './extractive.js';
import { carryForward } from './followup.js';
import { wordPieces } from './pieces.js';
import { isLlmConfigured } from './llm/configured.js';
import { numberPassages } from './llm/passages.js';
import { finaliseLlmAnswer } from './llm/postprocess.js';
import { reasonFor } from './llm/upstream-reason.js';
import type { ChatReply, ChatRequest, TokenSink } from './types.js';

export interface AnswererDeps {
  config: Config;
  retriever: Retriever;
  documents: DocumentMeta[];
  stats: TermStatistics;
}

/** How many retrieved units are searched for an answer, and how many are given to the model. */
export const RETRIEVAL_K = 8;
export const LLM_PASSAGES = 6;

/** Says which words were read as other words, e.g. `Searched for “sanctions” (you wrote “sanctons”).` */
function correctionNotice(result: SearchResult): string | null {
  if (result.corrections.length === 0) return null;
  const words = (key: 'from' | 'to') => result.corrections.map((c) => `“${c[key]}”`).join(', ');
  return `Searched for ${words('to')} (you wrote ${words('from')}).`;
}

/** Emits a finished answer as a stream of small pieces, so extractive replies stream like LLM ones. */
function streamText(text: string, onToken: TokenSink | undefined): void {
  if (!onToken) return;
  for (const piece of wordPieces(text)) onToken(piece);
}

export function createAnswerer(deps: AnswererDeps): Answerer {
  const { config, retriever } = deps;
  const names = compileDocumentNames(deps.documents);
  const resolve = (text: string) => resolveDocuments(text, names).documents;
  const llmSlots = new Semaphore(config.openai.maxConcurrency);
  // Loaded on demand (see llm/index.ts); started now when an LLM is configured, so no answer waits for it.
  let llmSteps: Promise<typeof import('./llm/index.js')> | undefined;
  const loadLlmSteps = () => (llmSteps ??= import('./llm/index.js'));
  if (isLlmConfigured(config)) loadLlmSteps().catch(() => (llmSteps = undefined));

  /**
   * Searches; when the embeddings upstream fails (EMBEDDINGS=openai), searches by words alone so the chat
   * still answers, and says so. /api/search reports the failure instead (503).
   */
  async function searchOrWords(request: SearchRequest, notices: string[]): Promise<SearchResult> {
    try {
      return await retriever.search(request);
    } catch (err) {
      if (!(err instanceof UpstreamError)) throw err;
      notices.push('The embeddings service was unavailable; passages were found by their words alone.');
      return retriever.search(request, 'lexical');
    }
  }

  function declined(result: SearchResult, mode: ChatReply['mode']): ChatReply {
    return {
      answer: DECLINE_MESSAGE,
      citations: [],
      grounded: false,
      mode,
      closestMatches: closestMatches(result.hits),
    };
  }

  async function extractive(request: ChatRequest, onToken?: TokenSink, notice?: string): Promise<ChatReply> {
    const carried = carryForward(request.question, request.history ?? [], resolve);
    const notices: string[] = notice ? [notice] : [];
    const result = await searchOrWords(
      {
        query: carried.query,
        k: RETRIEVAL_K,
        documents: request.documents?.length ? request.documents : (carried.documents ?? undefined),
      },
      notices,
    );
    const evidence = weighEvidence(result.topic, result, deps.stats);
    const reply: ChatReply = evidence.grounded
      ? { ...writeExtractiveAnswer(result.query, evidence.cited), grounded: true, mode: 'extractive' }
      : declined(result, 'extractive');
    const correction = correctionNotice(result);
    if (correction) notices.unshift(correction);
    if (notices.length) reply.notice = notices.join(' ');
    if (carried.query !== request.question) reply.standaloneQuestion = carried.query;
    streamText(reply.answer, onToken);
    return reply;
  }

  async function llm(request: ChatRequest, onToken?: TokenSink, signal?: AbortSignal): Promise<ChatReply> {
    const { condenseQuestion, writeLlmAnswer } = await loadLlmSteps();
    const history = request.history ?? [];
    const standalone = history.length
      ? await llmSlots.run(() => condenseQuestion({ question: request.question, history, config, signal }))
      : request.question;
    // As many units as the model is given, so that a question over several documents gives it each of them.
    const result = await retriever.search({ query: standalone, k: LLM_PASSAGES, documents: request.documents });
    const evidence = weighEvidence(result.topic, result, deps.stats);
    const correction = correctionNotice(result);
    if (!evidence.grounded) {
      const reply = declined(result, 'llm');
      if (correction) reply.notice = correction;
      streamText(reply.answer, onToken);
      return reply;
    }
    const passages = numberPassages(result.hits);
    const raw = await llmSlots.run(() => writeLlmAnswer({ question: standalone, passages, config, onToken, signal }));
    const final = finaliseLlmAnswer(raw, passages);
    const reply: ChatReply = {
      answer: final.answer,
      citations: final.citations,
      grounded: final.grounded,
      mode: 'llm',
      unsupported: final.unsupported,
    };
    if (final.flags.length) reply.flags = final.flags;
    if (!final.grounded) reply.closestMatches = closestMatches(result.hits);
    if (correction) reply.notice = correction;
    if (standalone !== request.question) reply.standaloneQuestion = standalone;
    return reply;
  }

  return {
    async answer(request, options = {}) {
      const mode = request.mode ?? 'auto';
      const llmReady = isLlmConfigured(config);
      if (mode === 'extractive' || !llmReady) {
        const notice =
          mode === 'llm'
            ? 'LLM mode is not configured on this server (no OPENAI_API_KEY); answered offline.'
            : undefined;
        return extractive(request, options.onToken, notice);
      }
      let streamed = false;
      const onToken: TokenSink | undefined =
        options.onToken &&
        ((text) => {
          streamed = true;
          options.onToken?.(text);
        });
      try {
        return await llm(request, onToken, options.signal);
      } catch (err) {
        if (options.signal?.aborted) throw err;
        if (streamed) options.onReset?.();
        // Our own words and a status code only: the upstream's text can carry anything (issue #12).
        const reason = reasonFor(err);
        return extractive(
          request,
          undefined,
          `The language model was unavailable (${reason}); this answer was written offline from the documents.`,
        ).then((reply) => {
          streamText(reply.answer, options.onToken);
          return reply;
        });
      }
    },
  };
}
