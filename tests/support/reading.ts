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
