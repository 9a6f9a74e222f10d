/**
 * @module server/answer/answerer
 * Answers a chat request: picks the mode (LLM when configured, else extractive), handles follow-ups,
 * retrieves, weighs the evidence, writes the answer, and falls back to the extractive answer with a notice
 * whenever the LLM upstream fails or the request's deadline passes. The fallback is written from the
 * passages the LLM path already found, so retrieval is not run twice. Never lets an upstream failure become
 * a 500. Every chat endpoint gets this policy by calling `answer(request, { signal, deadlineMs })`.
 */
import type { DocumentMeta, Unit } from '../../core/types.js';
import type { Config } from '../../core/config.js';
import { UpstreamError } from '../../core/errors.js';
import type { RetrievalMethod, Retriever, SearchResult } from '../retrieve/types.js';
import type { Answerer, AnswerOptions } from '../services.js';
import { Semaphore } from './concurrency.js';
import type { TermStatistics } from '../retrieve/term-stats.js';
import { asksAboutEvent } from '../plan/intent.js';
import { createPlanDeps, planInConversation, planQuery, replanStandalone } from '../plan/plan-query.js';
import type { QueryPlan } from '../plan/types.js';
import {
  composeExtractiveReply,
  askedDocuments,
  declinedReply,
  isBroad,
  absentReply,
  smallTalkReply,
  weighPlanEvidence,
} from './compose.js';
import { unitInventory } from './inventory.js';
import { withHeadingList } from './heading-list.js';
import { withDocumentDate } from './document-date.js';
import { addressedElsewhere, elsewhereUnit } from './addressed-elsewhere.js';
import { declineMessage } from './extractive.js';
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

/** Rejects with the signal's reason once it aborts; never resolves. Already handled: safe to leave. */
function whenAborted(signal: AbortSignal): Promise<never> {
  const stopped = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  stopped.catch(() => undefined);
  return stopped;
}

/** "45" for 45 000 ms; "0.3" for 300. */
function seconds(ms: number): string {
  return ms < 10_000 ? String(Math.round(ms / 100) / 10) : String(Math.round(ms / 1000));
}

/** How far the LLM path got, so that a fallback can reuse its retrieval rather than search again. */
interface LlmProgress {
  /** The plan searched (with the model's condensed question for a follow-up the plan could not resolve). */
  searched?: QueryPlan;
  /** The LLM path's search, once started. */
  search?: Promise<SearchResult>;
}

/** Emits a finished answer as a stream of small pieces, so extractive replies stream like LLM ones. */
function streamText(text: string, onToken: TokenSink | undefined): void {
  if (!onToken) return;
  for (const piece of wordPieces(text)) onToken(piece);
}

export function createAnswerer(deps: AnswererDeps): Answerer {
  const { config, retriever } = deps;
  const planDeps = createPlanDeps(deps.documents, retriever.read);
  const inventory = unitInventory(deps.units, deps.documents);
  const plan = (request: ChatRequest): QueryPlan =>
    planQuery({ question: request.question, history: request.history, documents: request.documents }, planDeps);
  /** How many units a plan's search returns: summaries, lists and comparisons search deeper. */
  const depthFor = (p: QueryPlan, k: number, broadK: number): number => (isBroad(p) ? broadK : k);
  const llmSlots = new Semaphore(config.openai.maxConcurrency);
  // Loaded on demand (see llm/index.ts); started now when an LLM is configured, so no answer waits for it.
  let llmSteps: Promise<typeof import('./llm/index.js')> | undefined;
  const loadLlmSteps = () => (llmSteps ??= import('./llm/index.js'));
  if (isLlmConfigured(config)) loadLlmSteps().catch(() => (llmSteps = undefined));

  /**
   * Searches; when the embeddings upstream fails (EMBEDDINGS=openai), searches by words alone so the chat
   * still answers, and says so. /api/search reports the failure instead (503).
   */
  /** The search a plan asks for, with the items of a heading it names first (heading-list.ts). */
  async function searchPlanned(
    planned: QueryPlan,
    k: number,
    method: RetrievalMethod = 'hybrid',
  ): Promise<SearchResult> {
    const found = await retriever.searchReading(planned.reading, k, method);
    return withDocumentDate(planned, withHeadingList(planned, found, inventory), inventory);
  }

  async function searchOrWords(planned: QueryPlan, k: number, notices: string[]): Promise<SearchResult> {
    const search = (method: RetrievalMethod) => searchPlanned(planned, k, method);
    try {
      return await search('hybrid');
    } catch (err) {
      if (!(err instanceof UpstreamError)) throw err;
      notices.push('The embeddings service was unavailable; passages were found by their words alone.');
      return search('lexical');
    }
  }

  /**
   * A plain decline about named documents, told which other document addresses the topic (addressed-elsewhere.ts).
   * Not for a follow-up, whose topic is read from earlier turns and may be misread, nor for a question about the
   * named meeting as an event ("which organisations attended?"), which no other text answers.
   */
  async function withPointer(planned: QueryPlan, reply: ChatReply): Promise<ChatReply> {
    const asked = askedDocuments(planned, inventory);
    const plainDecline = !reply.grounded && asked.length > 0 && reply.answer === declineMessage(asked);
    if (!plainDecline || planned.followUp.carried !== 'nothing' || asksAboutEvent(planned.question)) return reply;
    const wider = await retriever.searchReading({ ...planned.reading, scope: null, companions: [] }, RETRIEVAL_K);
    const found = elsewhereUnit(planned.scope ?? [], wider, deps.stats, deps.units);
    return found ? addressedElsewhere(reply, found) : reply;
  }

  /**
   * A plain decline of a question that carried nothing from its conversation, asked again within the documents
   * the conversation was about (plan-query.ts planInConversation): the answer when that finds one, else null.
   */
  async function withinConversation(
    request: ChatRequest,
    planned: QueryPlan,
    reply: ChatReply,
    notices: string[],
  ): Promise<ChatReply | null> {
    if (reply.grounded || reply.answer !== declineMessage(askedDocuments(planned, inventory))) return null;
    const within = planInConversation(planned, request, planDeps);
    if (!within) return null;
    const result = await searchOrWords(within, depthFor(within, RETRIEVAL_K, BROAD_RETRIEVAL_K), [...notices]);
    const again = extractiveReply(request, within, result, notices);
    return again.grounded ? again : null;
  }

  /** The offline answer from a search already made: the units' own sentences, or a decline. */
  function extractiveReply(
    request: ChatRequest,
    searched: QueryPlan,
    result: SearchResult,
    notices: string[],
  ): ChatReply {
    const reply = composeExtractiveReply(searched, result, deps.stats, inventory);
    const correction = correctionNotice(result);
    const all = correction ? [correction, ...notices] : notices;
    if (all.length) reply.notice = all.join(' ');
    if (searched.standalone !== request.question) reply.standaloneQuestion = searched.standalone;
    return reply;
  }

  async function extractive(request: ChatRequest, onToken?: TokenSink, notice?: string): Promise<ChatReply> {
    const planned = plan(request);
    const notices: string[] = notice ? [notice] : [];
    let reply: ChatReply;
    if (planned.intent === 'smalltalk') {
      reply = smallTalkReply(request.question, 'extractive');
      if (notices.length) reply.notice = notices.join(' ');
    } else {
      const result = await searchOrWords(planned, depthFor(planned, RETRIEVAL_K, BROAD_RETRIEVAL_K), notices);
      reply = extractiveReply(request, planned, result, notices);
      reply = (await withinConversation(request, planned, reply, notices)) ?? (await withPointer(planned, reply));
    }
    streamText(reply.answer, onToken);
    return reply;
  }

  /**
   * The extractive answer when the LLM path failed or ran out of time: from the passages it had already
   * found when there are any, else (it stopped before searching, or its search failed) from a search of its own.
   */
  async function fallback(request: ChatRequest, progress: LlmProgress, notice: string): Promise<ChatReply> {
    const found = await progress.search?.catch(() => undefined);
    if (found && progress.searched !== undefined) return extractiveReply(request, progress.searched, found, [notice]);
    return extractive(request, undefined, notice);
  }

  async function llm(
    request: ChatRequest,
    progress: LlmProgress,
    onToken?: TokenSink,
    signal?: AbortSignal,
  ): Promise<ChatReply> {
    const planned = plan(request);
    if (planned.intent === 'smalltalk') {
      const reply = smallTalkReply(request.question, 'llm');
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
    signal?.throwIfAborted();
    const searched =
      standalone === planned.standalone ? planned : replanStandalone(planned, standalone, request, planDeps);
    // As many units as the model is given, so that a question over several documents gives it each of them.
    progress.searched = searched;
    progress.search = searchPlanned(searched, depthFor(searched, LLM_PASSAGES, BROAD_LLM_PASSAGES));
    const result = await progress.search;
    const missing = absentReply(searched, result, inventory, 'llm');
    if (missing) {
      streamText(missing.answer, onToken);
      return missing;
    }
    const evidence = weighPlanEvidence(searched, result, deps.stats);
    const correction = correctionNotice(result);
    if (!evidence.grounded) {
      const reply = declinedReply(result, 'llm', askedDocuments(searched, inventory));
      if (correction) reply.notice = correction;
      streamText(reply.answer, onToken);
      return reply;
    }
    const passages = numberPassages(result.hits);
    const raw = await llmSlots.run(() =>
      writeLlmAnswer({
        question: standalone,
        plan: searched,
        passages,
        documents: deps.documents,
        config,
        onToken,
        signal,
      }),
    );
    const final = finaliseLlmAnswer(raw, passages);
    const reply: ChatReply = {
      answer: final.answer,
      citations: final.citations,
      grounded: final.grounded,
      mode: 'llm',
      unsupported: final.unsupported,
    };
    if (final.flags.length) reply.flags = final.flags;
    if (!final.grounded) reply.closestMatches = declinedReply(result, 'llm').closestMatches;
    if (correction) reply.notice = correction;
    if (standalone !== request.question) reply.standaloneQuestion = standalone;
    return reply;
  }

  /**
   * The LLM answer, raced against the deadline and the client's signal. The race matters: a request queued
   * for an LLM slot does not see its signal until a slot frees, and the deadline must hold regardless.
   */
  async function llmWithFallback(request: ChatRequest, options: AnswerOptions): Promise<ChatReply> {
    const controller = new AbortController();
    const stop = (reason: unknown) => controller.abort(reason);
    const clientGone = () => stop(options.signal?.reason);
    if (options.signal?.aborted) clientGone();
    options.signal?.addEventListener('abort', clientGone, { once: true });
    let expired = false;
    const timer =
      options.deadlineMs === undefined
        ? undefined
        : setTimeout(() => {
            expired = true;
            stop(new UpstreamError(`chat: no answer within the ${options.deadlineMs} ms deadline`));
          }, options.deadlineMs);
    timer?.unref();

    let live = true;
    let streamed = false;
    const onToken: TokenSink | undefined =
      options.onToken &&
      ((text) => {
        if (!live) return; // an abandoned call may still be writing
        streamed = true;
        options.onToken?.(text);
      });
    const progress: LlmProgress = {};
    const answered = llm(request, progress, onToken, controller.signal);
    answered.catch(() => undefined); // abandoned past the deadline; its rejection is expected
    try {
      return await Promise.race([answered, whenAborted(controller.signal)]);
    } catch (err) {
      if (options.signal?.aborted) throw err;
      live = false;
      if (streamed) options.onReset?.();
      const notice = expired
        ? `The language model did not answer within ${seconds(options.deadlineMs ?? 0)} s; this answer was written offline from the documents.`
        : // Our own words and a status code only: the upstream's text can carry anything (issue #12).
          `The language model was unavailable (${reasonFor(err)}); this answer was written offline from the documents.`;
      const reply = await fallback(request, progress, notice);
      streamText(reply.answer, options.onToken);
      return reply;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', clientGone);
    }
  }

  return {
    async answer(request, options = {}) {
      const mode = request.mode ?? 'auto';
      if (mode === 'extractive' || !isLlmConfigured(config)) {
        const notice =
          mode === 'llm'
            ? 'LLM mode is not configured on this server (no OPENAI_API_KEY); answered offline.'
            : undefined;
        return extractive(request, options.onToken, notice);
      }
      return llmWithFallback(request, options);
    },
  };
}
