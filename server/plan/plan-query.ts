/**
 * @module server/plan/plan-query
 * One plan per question, computed once per request and passed down: what is asked (intent), what kind of
 * answer fits, the standalone question (follow-ups resolved), what retrieval searches for, and the scope.
 */
import type { DocumentId } from '../../core/types.js';
import type { ChatTurn } from '../answer/types.js';
import { parseReferences } from '../retrieve/reference.js';
import { expectedAnswerKind } from './answer-kind.js';
import { resolveFollowUp, type DocumentResolver } from './follow-up.js';
import { asksAcrossAllDocuments, classifyIntent, stripRequestWords } from './intent.js';
import { isSmallTalk } from './small-talk.js';
import type { QueryPlan } from './types.js';

export interface PlanInput {
  question: string;
  history?: readonly ChatTurn[];
  /** The caller's restriction, which wins over anything named or carried. */
  documents?: readonly DocumentId[];
}

export function planQuery(input: PlanInput, resolve: DocumentResolver): QueryPlan {
  const { question } = input;
  const history = input.history ?? [];
  if (isSmallTalk(question)) {
    return {
      question,
      standalone: question,
      retrievalText: question,
      intent: 'smalltalk',
      answerKind: 'text',
      scope: input.documents?.length ? [...input.documents] : null,
      acrossDocuments: false,
      followUp: { carried: 'nothing' },
    };
  }
  const resolved = resolveFollowUp(question, history, resolve);
  const standalone = resolved.query;
  const named = resolve(standalone).documents;
  const scope = input.documents?.length
    ? [...input.documents]
    : named.length > 0
      ? named
      : (resolved.documents ?? null);
  // The intent is the question's own ("and the next one?" asks for a unit, not the earlier question's summary).
  const ownIntent = classifyIntent(question);
  const intent =
    parseReferences(standalone).length > 0 && (ownIntent === 'lookup' || ownIntent === 'overview')
      ? 'reference'
      : ownIntent === 'lookup' && resolved.followUp.carried !== 'nothing'
        ? classifyIntent(standalone)
        : ownIntent;
  const across =
    asksAcrossAllDocuments(question) ||
    ((intent === 'comparison' || intent === 'timeline' || intent === 'summary') && (scope?.length ?? 5) > 1);
  return {
    question,
    standalone,
    retrievalText: stripRequestWords(standalone),
    intent,
    answerKind: expectedAnswerKind(question, intent),
    scope: asksAcrossAllDocuments(question) && !input.documents?.length ? null : scope,
    acrossDocuments: across,
    followUp: resolved.followUp,
  };
}
