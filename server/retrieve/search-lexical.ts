/**
 * @module server/retrieve/search-lexical
 * BM25 over the question's own terms, its glossary expansion and the bridges of its words (bridges.ts),
 * each weighted below the question's own words; the best candidates only.
 */
import type { WeightedQuery } from '../../core/index/bm25.js';
import { LEXICAL_BOOST } from '../../core/index/lexical.js';
import { analyse, tokenize } from '../../core/text/terms.js';
import type { RetrievalContext } from './context.js';
import type { ScoredId } from './fuse.js';
import { scopeSet } from './read-query.js';
import type { QueryReading } from './types.js';

export function lexicalScores(ctx: RetrievalContext, reading: QueryReading, limit: number): ScoredId[] {
  // Each expansion word once: BM25 sums repeated query terms, and a word shared by many glossary phrases
  // ("passports" in "fake passports", "false passports") would otherwise outweigh the question itself.
  const expansion = [...new Set(reading.expansion.flatMap((p) => tokenize(p)))];
  const queries: WeightedQuery[] = [{ terms: reading.topicTerms, weight: 1 }];
  if (expansion.length > 0) queries.push({ terms: analyse(expansion.join(' ')), weight: ctx.options.expansionWeight });
  // Bridged words (bridges.ts), read as the corpus terms they relate to, below the question's own.
  const bridged = new Map<string, number>();
  for (const bridges of reading.bridges.values())
    for (const [target, weight] of bridges) bridged.set(target, Math.max(bridged.get(target) ?? 0, weight));
  for (const weight of new Set(bridged.values())) {
    const terms = [...bridged].filter(([, w]) => w === weight).map(([t]) => t);
    queries.push({ terms, weight: ctx.options.bridgeWeight * weight });
  }
  // Only the best lexical candidates take part in fusion, as only the nearest vectors do: on a large corpus a
  // common word matches most units, and fusing all of them would dominate the query time.
  return ctx.index.lexical.search(queries, { boost: LEXICAL_BOOST, groups: scopeSet(reading), limit });
}
