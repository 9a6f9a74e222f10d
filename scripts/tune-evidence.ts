/**
 * @module scripts/tune-evidence
 * `npx tsx scripts/tune-evidence.ts [--set FILE]`: refits the evidence model (server/answer/evidence.ts) on a
 * question set. Prints, for a grid of weights, the best threshold by the worse of "answerable kept" and
 * "unanswerable declined", so the constants in EVIDENCE_MODEL can be re-derived by anyone.
 */
import { Command } from 'commander';
import { RETRIEVAL_K } from '../server/answer/answerer.js';
import { evidenceSignals } from '../server/answer/evidence.js';
import { buildServices } from '../server/bootstrap.js';
import { ensureIndex } from '../ingest/ensure-index.js';
import { loadConfig } from '../core/config.js';
import { DEFAULT_SET } from './eval/cli.js';
import { readGoldSet } from './eval/gold-set.js';
import { planDeps, searchRequest } from './eval/target.js';

const opts = new Command()
  .option('--set <file>', 'question set (JSON Lines)', DEFAULT_SET)
  .parse()
  .opts<{ set: string }>();

interface Row {
  answerable: boolean;
  referenced: boolean;
  coverage: number;
  vector: number;
  lexical: number;
  scoped: number;
}

async function main(): Promise<void> {
  const config = loadConfig();
  await ensureIndex(config, () => {});
  const services = await buildServices(config);
  const deps = planDeps(services.index.documents, services.retriever.read);
  const { stats } = services;
  const rows: Row[] = [];
  for (const q of readGoldSet(opts.set)) {
    const result = await services.retriever.search({ ...searchRequest(q, deps), k: RETRIEVAL_K });
    const s = evidenceSignals(result, stats);
    rows.push({
      answerable: q.answerable,
      referenced: result.reference !== null,
      coverage: s.coverage,
      vector: s.vector,
      lexical: Math.log1p(s.lexical),
      scoped: s.scoped ? 1 : 0,
    });
  }
  const pos = rows.filter((r) => r.answerable);
  const neg = rows.filter((r) => !r.answerable);
  const results: { worst: number; kept: number; declined: number; w: number[]; threshold: number }[] = [];
  for (const a of [0.5, 1])
    for (const c of [0, 0.5, 1])
      for (const e of [0, 0.1, 0.2, 0.3])
        for (const sc of [0, 0.1, 0.2]) {
          const score = (r: Row) => (r.referenced ? 10 : a * r.coverage + c * r.vector + e * r.lexical + sc * r.scoped);
          for (let t = -1; t <= 3; t += 0.02) {
            const kept = pos.filter((r) => score(r) >= t).length / pos.length;
            const declined = neg.filter((r) => score(r) < t).length / Math.max(1, neg.length);
            results.push({
              worst: Math.min(kept, declined),
              kept,
              declined,
              w: [a, c, e, sc],
              threshold: Number(t.toFixed(2)),
            });
          }
        }
  results.sort((x, y) => y.worst - x.worst || y.kept + y.declined - (x.kept + x.declined));
  process.stdout.write(`${pos.length} answerable, ${neg.length} unanswerable\n`);
  process.stdout.write('coverage vector ln(1+bm25) scoped | threshold | answerable kept | unanswerable declined\n');
  for (const r of results.slice(0, 10)) {
    process.stdout.write(`${r.w.join('  ')} | ${r.threshold} | ${r.kept.toFixed(3)} | ${r.declined.toFixed(3)}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
