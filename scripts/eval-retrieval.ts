/**
 * @module scripts/eval-retrieval
 * `npm run eval:retrieval`: Recall@1, Recall@5 and MRR for BM25 alone, vectors alone and the hybrid, side
 * by side over the answerable questions of a gold set, with p50/p95 search latency.
 */
import { performance } from 'node:perf_hooks';
import { Command, Option } from 'commander';
import { buildServices } from '../server/bootstrap.js';
import { ensureIndex } from '../ingest/ensure-index.js';
import { loadConfig } from '../core/config.js';
import { createHybridRetriever, DEFAULT_HYBRID_OPTIONS, type HybridOptions } from '../server/retrieve/hybrid.js';
import type { RetrievalMethod, Retriever } from '../server/retrieve/types.js';
import { DEFAULT_SET } from './eval/cli.js';
import { readGoldSet, type GoldQuestion } from './eval/gold-set.js';
import { hitAt, mean, percentile, reciprocalRank, round } from './eval/metrics.js';
import { resolveGold, unitTexts } from './eval/score.js';
import { planDeps, searchRequest } from './eval/target.js';
import type { PlanDeps } from '../server/plan/plan-query.js';

const program = new Command()
  .option('--set <file>', 'question set (JSON Lines)', DEFAULT_SET)
  .addOption(new Option('--split <half>', 'only the questions of one half of a split set').choices(['train', 'test']))
  .option('--json', 'print JSON')
  .option('--sweep', 'also try fusion settings and print their figures')
  .option('--misses', 'list the questions the hybrid misses at rank 1')
  .parse();
const opts = program.opts<{
  set: string;
  split?: 'train' | 'test';
  json?: boolean;
  sweep?: boolean;
  misses?: boolean;
}>();

interface Row {
  name: string;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
  p50: number;
  p95: number;
}

async function measure(
  name: string,
  retriever: Retriever,
  method: RetrievalMethod,
  questions: GoldQuestion[],
  deps: PlanDeps,
  misses?: string[],
): Promise<Row> {
  const r1: number[] = [];
  const r5: number[] = [];
  const rr: number[] = [];
  const ms: number[] = [];
  for (const q of questions) {
    const t = performance.now();
    const result = await retriever.search({ ...searchRequest(q, deps), k: 10 }, method);
    ms.push(performance.now() - t);
    const ranked = result.hits.map((h) => h.unit.id);
    r1.push(hitAt(ranked, q.expected, 1) ? 1 : 0);
    r5.push(hitAt(ranked, q.expected, 5) ? 1 : 0);
    rr.push(reciprocalRank(ranked, q.expected));
    if (misses && !hitAt(ranked, q.expected, 1))
      misses.push(
        `${q.id} ${q.question}\n    expected ${q.expected.join(', ')}; got ${ranked.slice(0, 3).join(', ')}${hitAt(ranked, q.expected, 5) ? '' : '  (not in top 5)'}`,
      );
  }
  return {
    name,
    recallAt1: round(mean(r1)),
    recallAt5: round(mean(r5)),
    mrr: round(mean(rr)),
    p50: round(percentile(ms, 50), 2),
    p95: round(percentile(ms, 95), 2),
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  await ensureIndex(config, (l) => process.stderr.write(`${l}\n`));
  const services = await buildServices(config);
  const deps = planDeps(services.index.documents, services.retriever.read);
  const texts = unitTexts(services.index.units);
  const questions = readGoldSet(opts.set)
    .filter((q) => !opts.split || q.split === opts.split)
    .map((q) => ({ ...q, expected: resolveGold(q, texts).units }))
    .filter((q) => q.answerable && q.expected.length > 0);
  if (questions.length === 0)
    throw new Error(
      `eval:retrieval: ${opts.set}: no answerable questions${opts.split ? ` with split "${opts.split}"` : ''}`,
    );
  // Warm-up so the first timed query does not pay for lazy initialisation.
  for (const q of questions.slice(0, 5)) await services.retriever.search({ query: q.question });

  const misses: string[] = [];
  const rows = [
    await measure('BM25 (lexical) alone', services.retriever, 'lexical', questions, deps),
    await measure('Vectors (HNSW) alone', services.retriever, 'vector', questions, deps),
    await measure(
      `Hybrid (${DEFAULT_HYBRID_OPTIONS.fusion}, w=${DEFAULT_HYBRID_OPTIONS.lexicalWeight})`,
      services.retriever,
      'hybrid',
      questions,
      deps,
      opts.misses ? misses : undefined,
    ),
  ];
  if (opts.sweep) {
    const { stats } = services;
    const settings: Partial<HybridOptions>[] = [
      { coverageWeight: 0 },
      { coverageWeight: 0.15 },
      { coverageWeight: 0.45 },
      { coverageWeight: 0.6 },
      { coverageWeight: 0.7 },
      { coverageWeight: 0.8 },
      { proximityShare: 0 },
      { proximityShare: 0.3 },
      { proximityShare: 1 },
      { proximitySpan: 8 },
      { proximitySpan: 25 },
      { proximitySpan: 40 },
      { coverageWeight: 0.6, expansionWeight: 0.3 },
      { coverageWeight: 0.7, expansionWeight: 0.3 },
      { coverageWeight: 0.6, lexicalWeight: 0.5 },
      { coverageWeight: 0.6, lexicalWeight: 0.7 },
      { fusion: 'rrf', lexicalWeight: 0.5 },
      { fusion: 'rrf', lexicalWeight: 0.6 },
      { fusion: 'weighted', lexicalWeight: 0.4 },
      { fusion: 'weighted', lexicalWeight: 0.5 },
      { fusion: 'weighted', lexicalWeight: 0.7 },
      { fusion: 'weighted', lexicalWeight: 0.8 },
      { fusion: 'weighted', lexicalWeight: 0.6, expansionWeight: 0.3 },
      { fusion: 'weighted', lexicalWeight: 0.6, expansionWeight: 0.8 },
    ];
    for (const s of settings) {
      const retriever = createHybridRetriever(services.index, services.embedder, s, { stats });
      rows.push(await measure(`  sweep ${JSON.stringify(s)}`, retriever, 'hybrid', questions, deps));
    }
  }
  const set = opts.split ? `${opts.set} (${opts.split})` : opts.set;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ set, questions: questions.length, rows }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`Retrieval over ${questions.length} answerable questions of ${set}\n\n`);
  process.stdout.write('| method | Recall@1 | Recall@5 | MRR | p50 ms | p95 ms |\n|---|---|---|---|---|---|\n');
  for (const r of rows)
    process.stdout.write(`| ${r.name} | ${r.recallAt1} | ${r.recallAt5} | ${r.mrr} | ${r.p50} | ${r.p95} |\n`);
  if (misses.length) process.stdout.write(`\nHybrid misses at rank 1 (${misses.length}):\n${misses.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
