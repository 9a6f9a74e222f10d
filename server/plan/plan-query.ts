/**
 * @module server/plan/plan-query
 * One plan per question, computed once per request and passed down: what is asked (intent), what kind of
 * answer fits, the standalone question (follow-ups resolved), what retrieval searches for, the scope, and the
 * retrieval text read once (spelling, named documents and units, concepts, expansion).
 */
import type { DocumentId } from '../../core/types.js';
import type { ChatTurn } from '../answer/types.js';
import type { DocumentMeta } from '../../core/types.js';
import { askedCount } from './asked-count.js';
import { compileDocumentNames, resolveDocuments } from '../retrieve/documents.js';
import { recountedBy, type QueryReader } from '../retrieve/read-query.js';
import { expectedAnswerKind } from './answer-kind.js';
import { conversationDocuments, resolveFollowUp, type DocumentResolver } from './follow-up.js';
import { documentsAskedForUnit, scopeForUnitKind } from './unit-kind-documents.js';
import {
  asksAboutEvent,
  asksAcrossAllDocuments,
  classifyIntent,
  insistsOnAllDocuments,
  stripRequestWords,
} from './intent.js';
import { isSmallTalk } from './small-talk.js';
import type { FollowUp, Intent, QueryPlan } from './types.js';

export interface PlanInput {
  question: string;
  history?: readonly ChatTurn[];
  /** The caller's restriction, which wins over anything named or carried. */
  documents?: readonly DocumentId[];
}

export interface PlanDeps {
  /** Names documents in earlier turns (follow-ups). */
  resolve: DocumentResolver;
  /** Reads the retrieval text once (the retriever's reader). */
  read: QueryReader;
  /** Every document, searched when each must be heard. */
  allDocuments: readonly DocumentId[];
  /** The documents that recount each document's history (read-query.ts recountedBy): searched with it when a
   * question asks about it as an event. */
  recountedBy: ReadonlyMap<DocumentId, readonly DocumentId[]>;
  /** Every document's metadata: which kinds of unit each has (unit-kind-documents.ts). */
  documents: readonly DocumentMeta[];
}

/** What planning needs of a corpus: its documents' names and histories, and the retriever's reader. */
export function createPlanDeps(documents: readonly DocumentMeta[], read: QueryReader): PlanDeps {
  const names = compileDocumentNames([...documents]);
  return {
    resolve: (text) => resolveDocuments(text, names),
    read,
    allDocuments: documents.map((d) => d.id),
    recountedBy: recountedBy(documents),
    documents,
  };
}

/** Intents that, over several documents, hear from each of them. */
const ACROSS_INTENTS = new Set<Intent>(['comparison', 'timeline', 'summary']);

interface Framing {
  question: string;
  standalone: string;
  ownIntent: Intent;
  followUp: FollowUp;
  carried: DocumentId[] | null;
  caller: DocumentId[] | null;
}

/** The plan of a standalone question, its follow-up already resolved. */
function planStandalone(f: Framing, deps: PlanDeps): QueryPlan {
  const { question, standalone, caller } = f;
  // "How did that change later?" traces the conversation's topic through every document: the document it was
  // about is where the trace starts, not its bounds. "Which recommendation …?" with no document of its own is
  // about the document that has recommendations.
  const carried = f.ownIntent === 'timeline' ? null : (f.carried ?? documentsAskedForUnit(question, deps.documents));
  const retrievalText = stripRequestWords(standalone);
  // "What each text says": every document, unless the question names some; "all five documents": every one.
  const asksAll = asksAcrossAllDocuments(question) && !caller;
  const insistsAll = asksAll && insistsOnAllDocuments(question);
  // The intent is the question's own ("and the next one?" asks for a unit, not the earlier question's summary).
  const askedIntent =
    f.ownIntent === 'lookup' && f.followUp.carried !== 'nothing' ? classifyIntent(standalone) : f.ownIntent;
  const reading = deps.read({
    query: retrievalText,
    documents: caller ?? (insistsAll ? [...deps.allDocuments] : undefined),
    // A history that recounts a document is heard for a question about the document as an event, for a
    // timeline that names one document only (what led up to it), and for a counted list ("the six priority goals in the Call for Action"):
    // the history may name what the text only numbers.
    companions:
      asksAboutEvent(question) ||
      (askedIntent === 'timeline' && deps.resolve(retrievalText).documents.length === 1) ||
      (f.ownIntent === 'enumeration' && askedCount(question) !== null)
        ? deps.recountedBy
        : undefined,
    otherwise:
      asksAll || (!carried && ACROSS_INTENTS.has(askedIntent)) ? [...deps.allDocuments] : (carried ?? undefined),
  });
  const everyDocument = insistsAll || (asksAll && reading.named.length === 0);
  const scope = caller ?? (everyDocument ? null : reading.named.length > 0 ? reading.named : carried);
  const intent =
    reading.references.length > 0 && (askedIntent === 'lookup' || askedIntent === 'overview')
      ? 'reference'
      : askedIntent;
  const across = everyDocument || (ACROSS_INTENTS.has(intent) && (scope?.length ?? deps.allDocuments.length) > 1);
  return {
    question,
    standalone,
    retrievalText,
    intent,
    answerKind: expectedAnswerKind(question, intent),
    scope,
    acrossDocuments: across,
    followUp: f.followUp,
    reading,
  };
}

export function planQuery(input: PlanInput, deps: PlanDeps): QueryPlan {
  const { question } = input;
  const caller = input.documents?.length ? [...input.documents] : null;
  if (isSmallTalk(question)) {
    return {
      question,
      standalone: question,
      retrievalText: question,
      intent: 'smalltalk',
      answerKind: 'text',
      scope: caller,
      acrossDocuments: false,
      followUp: { carried: 'nothing' },
      reading: deps.read({ query: question, documents: caller ?? undefined }),
    };
  }
  const resolved = resolveFollowUp(question, input.history ?? [], deps.resolve);
  return planStandalone(
    {
      question,
      standalone: resolved.query,
      ownIntent: classifyIntent(question),
      followUp: resolved.followUp,
      // The documents named by the question itself are read later and win over this.
      carried: scopeForUnitKind(question, resolved.documents, deps.documents),
      caller,
    },
    deps,
  );
}

/**
 * The plan for a standalone question written elsewhere (an LLM's condensation of a follow-up the plan could
 * not resolve): the same request, read afresh.
 */
export function replanStandalone(plan: QueryPlan, standalone: string, input: PlanInput, deps: PlanDeps): QueryPlan {
  return planStandalone(
    {
      question: plan.question,
      standalone,
      ownIntent: classifyIntent(plan.question),
      followUp: plan.followUp,
      carried: null,
      caller: input.documents?.length ? [...input.documents] : null,
    },
    deps,
  );
}

/**
 * A question asked in a conversation that carried nothing from it ("what counts as aggravating?" after a
 * question on the 1997 penalties for smuggling), asked again within the documents the conversation was about;
 * null when the question had a scope of its own or the conversation named no document. The answerer asks it
 * only when the question alone found no answer: a new topic stands on its own when the documents answer it.
 */
export function planInConversation(plan: QueryPlan, input: PlanInput, deps: PlanDeps): QueryPlan | null {
  if (plan.followUp.carried !== 'nothing' || plan.scope !== null || plan.intent === 'smalltalk') return null;
  if (input.documents?.length || !input.history?.length) return null;
  const documents = conversationDocuments(input.history, deps.resolve);
  if (!documents) return null;
  return planStandalone(
    {
      question: plan.question,
      standalone: plan.standalone,
      ownIntent: classifyIntent(plan.question),
      followUp: { carried: 'scope' },
      carried: documents,
      caller: null,
    },
    deps,
  );
}
