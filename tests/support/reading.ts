import type { AnswerKind, QueryPlan } from '../../server/plan/types.js';
import { conceptsOf, type TermStatistics } from '../../server/retrieve/term-stats.js';
import type { QueryReading } from '../../server/retrieve/types.js';

/** A query reading with nothing found in it, for tests of the stages that take one. */
export function testReading(over: Partial<QueryReading> = {}): QueryReading {
  const query = over.query ?? 'q';
  return {
    query,
    corrections: [],
    named: [],
    topic: query,
    topicTerms: [],
    scope: null,
    companions: [],
    references: [],
    referenced: [],
    concepts: [],
    expansion: [],
    unmentionedYears: [],
    laterYears: [],
    bridges: new Map(),
    ...over,
  };
}

/** The reading of a topic as the re-rank weighs it: its concepts against a small index's statistics. */
export function topicReading(topic: string, stats: TermStatistics): QueryReading {
  return testReading({ query: topic, topic, concepts: conceptsOf(topic, stats) });
}

/** A plan of the kind the answer stages read: the question, the kind of answer asked for, its topic's reading. */
export function answerPlan(question: string, topic: string, answerKind: AnswerKind, stats: TermStatistics): QueryPlan {
  return { question, answerKind, reading: topicReading(topic, stats) } as QueryPlan;
}
