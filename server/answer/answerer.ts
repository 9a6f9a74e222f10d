/**
 * @module server/answer/answerer
 * Answers a chat request: picks the mode (LLM when configured, else extractive), handles follow-ups,
 * retrieves, weighs the evidence, writes the answer, and falls back to the extractive answer with a notice
 * whenever the LLM upstream fails. Never lets an upstream failure become a 500.
 */
import type { DocumentMeta, Unit } from '../../ingest/types.js';
import type { Config } from '../config.js';
import { isAppError, UpstreamError } from '../errors.js';
import { compileDocumentNames, resolveDocuments } from '../retrieve/documents.js';
import type { Retriever, SearchRequest, SearchResult } from '../retrieve/types.js';
import type { Answerer } from '../services.js';
import { Semaphore } from './concurrency.js';
import type { TermStatistics } from '../retrieve/term-stats.js';
import { stripRequestWords } from '../plan/intent.js';
import { planQuery } from '../plan/plan-query.js';
import type { QueryPlan } from '../plan/types.js';
import {
  composeExtractiveReply,
  declinedReply,
  isBroad,
  missingReferenceReply,
  smallTalkReply,
  weighPlanEvidence,
} from './compose.js';
import { isLlmConfigured } from './llm/configured.js';
import { numberPassages } from './llm/passages.js';
import { finaliseLlmAnswer } from './llm/postprocess.js';
import type { ChatReply, ChatRequest, TokenSink } from './types.js';

export interface AnswererDeps {
  config: Config;
  retriever: Retriever;
  documents: DocumentMeta[];
  units: readonly Unit[];
  stats: TermStatistics;
}

/** How many retrieved units are searched for an answer, and how many are given to the model. */
export const RETRIEVAL_K = 8;
export const LLM_PASSAGES = 6;
/** Summaries, lists, comparisons and timelines gather every relevant unit, so they search deeper. */
export const BROAD_RETRIEVAL_K = 24;
export const BROAD_LLM_PASSAGES = 12;

/** Says which words were read as other words, e.g. `Searched for “sanctions” (you wrote “sanctons”).` */
function correctionNotice(result: SearchResult): string | null {
  if (result.corrections.length === 0) return null;
  const words = (key: 'from' | 'to') => result.corrections.map((c) => `“${c[key]}”`).join(', ');
  return `Searched for ${words('to')} (you wrote ${words('from')}).`;
}

/** Emits a finished answer as a stream of small pieces, so extractive replies stream like LLM ones. */
function streamText(text: string, onToken: TokenSink | undefined): void {
  if (!onToken) return;
  for (const piece of text.match(/\S+\s*/g) ?? []) onToken(piece);
}

export function createAnswerer(deps: AnswererDeps): Answerer {
  const { config, retriever } = deps;
  const names = compileDocumentNames(deps.documents);
  const resolve = (text: string) => resolveDocuments(text, names);
  const allDocuments = deps.documents.map((d) => d.id);
  const inventory = { units: deps.units, documents: deps.documents };
  const plan = (request: ChatRequest): QueryPlan =>
    planQuery({ question: request.question, history: request.history, documents: request.documents }, resolve);
  /** The search a plan asks for: every document heard when the question spans them all. */
  const searchFor = (p: QueryPlan, k: number, broadK: number): SearchRequest => ({
    query: p.retrievalText,
    k: isBroad(p) ? broadK : k,
    documents: p.scope ?? (p.acrossDocuments ? allDocuments : undefined),
  });
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

  async function extractive(request: ChatRequest, onToken?: TokenSink, notice?: string): Promise<ChatReply> {
    const planned = plan(request);
    const notices: string[] = notice ? [notice] : [];
    let reply: ChatReply;
    if (planned.intent === 'smalltalk') reply = smallTalkReply('extractive');
    else {
      const result = await searchOrWords(searchFor(planned, RETRIEVAL_K, BROAD_RETRIEVAL_K), notices);
      reply = composeExtractiveReply(planned, result, deps.stats, inventory);
      const correction = correctionNotice(result);
      if (correction) notices.unshift(correction);
    }
    if (notices.length) reply.notice = notices.join(' ');
    if (planned.standalone !== request.question) reply.standaloneQuestion = planned.standalone;
    streamText(reply.answer, onToken);
    return reply;
  }

  async function llm(request: ChatRequest, onToken?: TokenSink, signal?: AbortSignal): Promise<ChatReply> {
    const planned = plan(request);
    if (planned.intent === 'smalltalk') {
      const reply = smallTalkReply('llm');
      streamText(reply.answer, onToken);
      return reply;
    }
    const { condenseQuestion, writeLlmAnswer } = await loadLlmSteps();
    const history = request.history ?? [];
    // The plan resolves what it can read from the turns; the model condenses only what it could not.
    const standalone =
      history.length && planned.followUp.carried === 'nothing'
        ? await llmSlots.run(() => condenseQuestion({ question: request.question, history, config, signal }))
        : planned.standalone;
    const searchPlan =
      standalone === planned.standalone
        ? planned
        : { ...planned, standalone, retrievalText: stripRequestWords(standalone) };
    // As many units as the model is given, so that a question over several documents gives it each of them.
    const result = await retriever.search(searchFor(searchPlan, LLM_PASSAGES, BROAD_LLM_PASSAGES));
    const missing = missingReferenceReply(searchPlan, result, inventory, 'llm');
    if (missing) {
      streamText(missing.answer, onToken);
      return missing;
    }
    const evidence = weighPlanEvidence(searchPlan, result, deps.stats);
    const correction = correctionNotice(result);
    if (!evidence.grounded) {
      const reply = declinedReply(result, 'llm');
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
    if (!final.grounded) reply.closestMatches = declinedReply(result, 'llm').closestMatches;
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
        const reason = err instanceof UpstreamError || isAppError(err) ? err.message : 'the language model failed';
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
