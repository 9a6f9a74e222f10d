/**
 * @module scripts/eval/target
 * What the eval runs questions against: the pipeline in this process (services from server/bootstrap.ts), or a
 * running server over HTTP (with the typed client). Both search follow-ups the way eval:retrieval does — the
 * question carried forward from its history by server/answer/followup.ts — so their figures compare.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ClientError, createClient, type Client } from '../../client/index.js';
import type { DocumentKind, DocumentMeta } from '../../core/types.js';
import { createPlanDeps, planQuery, type PlanDeps } from '../../server/plan/plan-query.js';
import { createNameReader, type QueryReader } from '../../server/retrieve/read-query.js';
import type { ChatReply, ChatRequest } from '../../server/answer/types.js';
import type { Services } from '../../server/services.js';
import type { GoldQuestion } from './gold-set.js';
import { RANK_DEPTH, type UnitText } from './score.js';

export type EvalMode = NonNullable<ChatRequest['mode']>;

/** The index a run was answered from, so that two runs can be matched to their index. */
export interface IndexIdentity {
  /** The digest of the corpus, manifest, pipeline and embedder the index was built from. */
  corpusFingerprint: string;
  /** The index build that answered (`indexBuild` on every reply); today, its corpus fingerprint. */
  indexBuild: string;
}

export interface EvalTarget {
  /** "in-process" or the server's URL, for the report. */
  name: string;
  index(): Promise<IndexIdentity>;
  /** Unit ids ranked by search for the question, best first. */
  rank(q: GoldQuestion): Promise<string[]>;
  answer(q: GoldQuestion, mode: EvalMode): Promise<ChatReply>;
  /** Every unit of the corpus, to resolve expectedQuotes and check quotes. */
  units(): Promise<UnitText[]>;
}

/**
 * What planning a question needs: the documents' names, and a reader of the query — the retriever's own in
 * process, or one of names alone over HTTP (the server then reads the query in full).
 */
export function planDeps(documents: DocumentMeta[], read: QueryReader = createNameReader(documents)): PlanDeps {
  return createPlanDeps(documents, read);
}

/** What /api/search is given for a question: its plan's retrieval text and scope (server/plan). */
export function searchRequest(q: GoldQuestion, deps: PlanDeps): { query: string; documents?: string[] } {
  const plan = planQuery({ question: q.question, history: q.history, documents: q.documents }, deps);
  const documents = plan.scope ?? undefined;
  return { query: plan.retrievalText, ...(documents ? { documents } : {}) };
}

function chatRequest(q: GoldQuestion, mode: EvalMode): ChatRequest {
  return { question: q.question, history: q.history, documents: q.documents, mode };
}

export function inProcessTarget(services: Services): EvalTarget {
  const deps = planDeps(services.index.documents, services.retriever.read);
  const fingerprint = services.index.manifest.corpusFingerprint;
  return {
    name: 'in-process',
    index: async () => ({ corpusFingerprint: fingerprint, indexBuild: fingerprint }),
    async rank(q) {
      const result = await services.retriever.search({ ...searchRequest(q, deps), k: RANK_DEPTH });
      return result.hits.map((h) => h.unit.id);
    },
    answer: (q, mode) => services.answerer.answer(chatRequest(q, mode)),
    units: async () => services.index.units.map((u) => ({ id: u.id, text: u.text })),
  };
}

// Waits after a 429, doubling: the server's rate limit is per minute, so the last wait reaches past it.
const RATE_LIMIT_WAITS_MS = [2_000, 4_000, 8_000, 16_000, 32_000];

async function politely<T>(call: () => Promise<T>): Promise<T> {
  for (const wait of RATE_LIMIT_WAITS_MS) {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof ClientError) || err.status !== 429) throw err;
      await sleep(wait);
    }
  }
  return call();
}

export async function httpTarget(url: string, fetchImpl?: typeof fetch): Promise<EvalTarget> {
  const client: Client = createClient({ baseUrl: url, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  const summaries = await politely(() => client.documents());
  const deps = planDeps(
    summaries.map(({ year, dateSource, ...s }) => ({
      ...s,
      ...(year === null ? {} : { year }),
      ...(dateSource === null ? {} : { dateSource }),
      file: '',
      kind: s.kind as DocumentKind,
    })),
  );
  return {
    name: url,
    async index() {
      const { indexBuild } = await politely(() => client.health());
      return { corpusFingerprint: indexBuild, indexBuild };
    },
    async rank(q) {
      const { query, documents } = searchRequest(q, deps);
      const { results } = await politely(() => client.search(query, { k: RANK_DEPTH, documents }));
      return results.map((r) => r.id);
    },
    answer: (q, mode) => politely(() => client.ask(q.question, { history: q.history, documents: q.documents, mode })),
    async units() {
      const docs = await Promise.all(summaries.map((s) => politely(() => client.document(s.id))));
      return docs.flatMap((d) => d.units.map((u) => ({ id: u.id, text: u.text })));
    },
  };
}
