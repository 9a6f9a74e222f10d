/**
 * @module scripts/bench/report
 * Renders the benchmark results as docs/benchmarks.md: the machine, a PASS/FAIL line per target, then one
 * section per measurement. A section whose measurement failed says so instead of vanishing, so a report
 * always has every heading. Hand-written analysis between the notes markers of an existing report is kept
 * across runs: the figures are regenerated, the reasoning about them is not lost.
 */
import type { IngestResults } from './ingest.js';
import type { LlmOverheadResults } from './llm-overhead.js';
import type { LoadResults, LoadRun, Route } from './load.js';
import type { MachineInfo } from './machine.js';
import type { RetrievalResults } from './retrieval.js';
import type { ScaleRun } from './scale.js';
import type { StartResults } from './start.js';
import { spread, type Latency } from './stats.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

export interface BenchResults {
  quick: boolean;
  machine: MachineInfo;
  totalSeconds: number;
  options: { repeats: number; loadSeconds: number; scaleSizes: number[] };
  ingest: Outcome<IngestResults>;
  start: Outcome<StartResults>;
  retrieval: Outcome<RetrievalResults>;
  load: Outcome<LoadResults>;
  llm: Outcome<LlmOverheadResults>;
  scale: Outcome<ScaleRun[]>;
}

/** The headings every report has, in order (the integration test checks them). */
export const SECTION_HEADINGS = [
  '## Machine',
  '## Targets',
  '## 1. Ingest',
  '## 2. Start',
  '## 3. Retrieval in-process',
  '## 4. HTTP under load',
  '### Cluster mode',
  '## 5. LLM-mode overhead',
  '## 6. Scale',
  '## Notes',
] as const;

export const NOTES_START = '<!-- notes:start -->';
export const NOTES_END = '<!-- notes:end -->';

const f = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(digits);
const int = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : Math.round(x).toLocaleString('en-US');

function spreadCell(values: readonly number[], digits = 2, unit = ''): string {
  const s = spread(values);
  return `${f(s.min, digits)} / **${f(s.median, digits)}** / ${f(s.max, digits)}${unit}`;
}

function latencyCells(l: Latency, digits = 2): string {
  return `${f(l.p50, digits)} | ${f(l.p95, digits)} | ${f(l.p99, digits)} | ${f(l.mean, digits)}`;
}

function failed(o: { ok: false; error: string }): string {
  return `**Not measured: the measurement failed.**\n\n\`\`\`\n${o.error.slice(0, 2000)}\n\`\`\`\n`;
}

type Verdict = 'PASS' | 'FAIL' | 'N/A';

interface TargetLine {
  target: string;
  measured: string;
  verdict: Verdict;
}

function verdict(ok: boolean | null): Verdict {
  return ok === null ? 'N/A' : ok ? 'PASS' : 'FAIL';
}

function findRun(runs: LoadRun[], route: Route, connections: number): LoadRun | undefined {
  return runs.find((r) => r.route === route && r.connections === connections);
}

function largestScale(r: BenchResults): ScaleRun | null {
  if (!r.scale.ok || r.scale.value.length === 0) return null;
  return r.scale.value.reduce((a, b) => (b.targetUnits > a.targetUnits ? b : a));
}

export function targets(r: BenchResults): TargetLine[] {
  const lines: TargetLine[] = [];
  const start = r.start.ok ? spread(r.start.value.readyMs).median : null;
  lines.push({
    target: 'Start ≤ 1.5 s with the built default index (median, spawn → /healthz 200)',
    measured: start === null ? 'not measured' : `${f(start / 1000, 2)} s`,
    verdict: verdict(start === null ? null : start <= 1500),
  });
  const ingest = r.ingest.ok ? spread(r.ingest.value.warm.map((w) => w.seconds.total)).median : null;
  lines.push({
    target: 'Ingest of the default corpus ≤ 5 s, warm embedding cache (median)',
    measured: ingest === null ? 'not measured' : `${f(ingest, 2)} s`,
    verdict: verdict(ingest === null ? null : ingest <= 5),
  });
  const runs = r.load.ok ? r.load.value.single : [];
  const search1 = findRun(runs, 'search', 1);
  lines.push({
    target: '/api/search p50 ≤ 3 ms (HTTP, one connection: no queueing)',
    measured: search1 ? `${f(search1.p50Ms, 2)} ms` : 'not measured',
    verdict: verdict(search1 ? search1.p50Ms <= 3 : null),
  });
  const chat1 = findRun(runs, 'chat', 1);
  lines.push({
    target: '/api/chat (extractive) p50 ≤ 5 ms (HTTP, one connection)',
    measured: chat1 ? `${f(chat1.p50Ms, 2)} ms` : 'not measured',
    verdict: verdict(chat1 ? chat1.p50Ms <= 5 : null),
  });
  const chat16 = findRun(runs, 'chat', 16);
  const health16 = findRun(runs, 'healthz', 16);
  const chatErrors = chat16 ? chat16.errors + chat16.timeouts + chat16.non2xx : 0;
  lines.push({
    target: '/api/chat (extractive) p99 ≤ 100 ms at 16 connections, no errors',
    measured: chat16 ? `p99 ${f(chat16.p99Ms, 1)} ms, ${chatErrors} errors/non-2xx` : 'not measured',
    verdict: verdict(chat16 ? chat16.p99Ms <= 100 && chatErrors === 0 : null),
  });
  const ratio = chat16 && health16 ? chat16.reqPerSec / health16.reqPerSec : null;
  lines.push({
    target: '/api/chat (extractive) ≥ 10% of the trivial route’s throughput (16 connections)',
    measured:
      ratio === null
        ? 'not measured'
        : `${int(chat16!.reqPerSec)} vs ${int(health16!.reqPerSec)} req/s = ${f(ratio * 100, 1)}%`,
    verdict: verdict(ratio === null ? null : ratio >= 0.1),
  });
  const llm = r.llm.ok ? r.llm.value.addedFirstTokenMs : null;
  lines.push({
    target: 'LLM mode adds ≤ 20 ms to time-to-first-token (median)',
    measured: llm === null ? 'not measured' : `+${f(llm, 1)} ms`,
    verdict: verdict(llm === null ? null : llm <= 20),
  });
  const big = largestScale(r);
  const at100k = big && big.targetUnits >= 100_000 ? big : null;
  const label = (what: string) => `100k units: ${what}`;
  const na = big ? `n/a (largest run: ${int(big.targetUnits)} units)` : 'not measured';
  lines.push({
    target: label('ingest ≥ 2,000 units/s (offline embedder)'),
    measured: at100k ? `${int(at100k.ingest.unitsPerSecond)} units/s` : na,
    verdict: verdict(at100k ? at100k.ingest.unitsPerSecond >= 2000 : null),
  });
  lines.push({
    target: label('hybrid query p50 ≤ 15 ms'),
    measured: at100k ? `${f(at100k.serve.hybrid.p50, 2)} ms` : na,
    verdict: verdict(at100k ? at100k.serve.hybrid.p50 <= 15 : null),
  });
  lines.push({
    target: label('HNSW Recall@10 ≥ 0.95 vs exact'),
    measured: at100k ? f(at100k.serve.recallAt10, 4) : na,
    verdict: verdict(at100k ? at100k.serve.recallAt10 >= 0.95 : null),
  });
  const rss = at100k ? Math.max(at100k.serve.memory.afterLoadRssMb, at100k.serve.memory.afterQueriesRssMb) : null;
  lines.push({
    target: label('resident memory ≤ 600 MB (index loaded, after queries)'),
    measured: rss === null ? na : `${int(rss)} MB`,
    verdict: verdict(rss === null ? null : rss <= 600),
  });
  return lines;
}

function machineSection(r: BenchResults): string {
  const m = r.machine;
  return [
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${m.cpu} |`,
    `| Cores | ${m.cores} |`,
    `| Memory | ${m.memoryGb} GB |`,
    `| Node | ${m.node} |`,
    `| OS | ${m.os} |`,
    `| Date | ${m.date} |`,
    `| Commit | ${m.commit} |`,
    `| Load average (1 / 5 / 15 min) | ${m.loadAtStart} at start, ${m.loadAtEnd} at end (${m.cores} cores: above ~0.5 others were using the machine) |`,
    `| Bench | ${r.quick ? '**--quick** (tiny inputs; figures are not representative)' : 'full'}; ${r.options.repeats} repeats; load runs of ${r.options.loadSeconds} s; scale sizes ${r.options.scaleSizes.map(int).join(', ')}; whole run ${f(r.totalSeconds / 60, 1)} min |`,
    '',
  ].join('\n');
}

function targetsSection(r: BenchResults): string {
  const rows = targets(r).map((t) => `| ${t.target} | ${t.measured} | **${t.verdict}** |`);
  return ['## Targets', '', '| target | measured | result |', '|---|---|---|', ...rows, ''].join('\n');
}

function ingestSection(r: BenchResults): string {
  const out = ['## 1. Ingest', ''];
  if (!r.ingest.ok) return [...out, failed(r.ingest)].join('\n');
  const { warm, coldCache } = r.ingest.value;
  const first = warm[0];
  out.push(
    `The default corpus (${first ? `${first.documents} documents, ${first.units} units, ${first.chunks} chunks` : '—'}), each run in a fresh process into a new temp INDEX_DIR. “Pipeline” is what runIngest reports (load → swap, the figure the target is about); “process” adds Node/tsx start-up, i.e. what \`npm run ingest\` takes end to end. min / **median** / max over ${warm.length} runs.`,
    '',
    '| | seconds | units/s |',
    '|---|---|---|',
    `| Pipeline, warm embedding cache, index absent | ${spreadCell(warm.map((w) => w.seconds.total))} | ${spreadCell(
      warm.map((w) => w.unitsPerSecond),
      0,
    )} |`,
    `|   parse (load, normalise, cut units) | ${spreadCell(warm.map((w) => w.seconds.parse))} | |`,
    `|   embed (fit SIF, embed chunks) | ${spreadCell(warm.map((w) => w.seconds.embed))} | |`,
    `|   index (BM25, HNSW, write, check, swap) | ${spreadCell(warm.map((w) => w.seconds.index))} | |`,
    `| Process wall time (\`tsx\` start-up included) | ${spreadCell(warm.map((w) => w.wallSeconds))} | |`,
    `| Peak RSS of the ingest process | ${spreadCell(
      warm.map((w) => w.maxRssMb),
      0,
      ' MB',
    )} | |`,
  );
  if (coldCache) {
    out.push(
      `| Pipeline, **no embedding cache** (first run on a fresh machine; run once) | ${f(coldCache.seconds.total, 2)} (embed stage ${f(coldCache.seconds.embed, 2)}) | ${int(coldCache.unitsPerSecond)} |`,
      `|   its peak RSS (streaming the wink JSON into the binary cache) | ${int(coldCache.maxRssMb)} MB | |`,
    );
  }
  out.push(
    '',
    'The cache-less run converts the ~300 MB wink JSON into `.cache/embeddings/` once per machine; it is measured once rather than five times because every later run on the machine is a warm one.',
    '',
  );
  return out.join('\n');
}

function startSection(r: BenchResults): string {
  const out = ['## 2. Start', ''];
  if (!r.start.ok) return [...out, failed(r.start)].join('\n');
  const s = r.start.value;
  out.push(
    `\`node dist/server/main.js\` with the index just built (AUTO_INGEST on: the corpus fingerprint is checked, nothing rebuilt), polled every ${s.pollMs} ms on a fresh connection; ${s.readyMs.length} runs after one untimed start. min / **median** / max, ms.`,
    '',
    '| | ms |',
    '|---|---|',
    `| Spawn → /healthz 200 (index loaded, serving) | ${spreadCell(s.readyMs, 0)} |`,
    `| Spawn → first HTTP answer (listening; 503 while loading) | ${spreadCell(s.listeningMs, 0)} |`,
    `| \`node -e 0\` (Node’s own start-up, the floor) | ${spreadCell(s.nodeBaselineMs, 0)} |`,
    `| Server RSS once ready | ${int(s.rssMb)} MB |`,
    '',
  );
  return out.join('\n');
}

function retrievalSection(r: BenchResults): string {
  const out = ['## 3. Retrieval in-process', ''];
  if (!r.retrieval.ok) return [...out, failed(r.retrieval)].join('\n');
  const v = r.retrieval.value;
  out.push(
    `${v.questions} dev questions × ${v.passes} passes (after one warm-up pass), k = 10, over the default index (${v.units} units, ${v.chunks} chunks). Every figure includes embedding the query. Recall@10 is against the exact scan (tie-aware: a neighbour as close as the exact 10th counts). LangChain’s store was built with \`HNSWLib.fromTexts\` from the same chunk texts and our embedder in ${f(v.langchainBuildSeconds, 2)} s; it keeps hnswlib’s default efSearch (10), ours uses 128.`,
    '',
    '| method | p50 ms | p95 ms | p99 ms | mean ms | Recall@10 |',
    '|---|---|---|---|---|---|',
    ...v.rows.map(
      (row) =>
        `| ${row.name} | ${latencyCells(row.latency, 3)} | ${row.recallAt10 === null ? '—' : f(row.recallAt10, 3)} |`,
    ),
    '',
  );
  return out.join('\n');
}

const ROUTE_NAMES: Record<Route, string> = {
  healthz: 'GET /healthz',
  search: 'POST /api/search',
  chat: 'POST /api/chat (extractive)',
};

function loadTable(runs: LoadRun[], ceiling: (run: LoadRun) => LoadRun | undefined): string[] {
  return [
    '| route | connections | req/s | × of /healthz | p50 ms | p99 ms | errors | timeouts | non-2xx |',
    '|---|---|---|---|---|---|---|---|---|',
    ...runs.map((run) => {
      const top = ceiling(run);
      const ratio = top && run.route !== 'healthz' ? `${f((run.reqPerSec / top.reqPerSec) * 100, 1)}%` : '—';
      const name = ROUTE_NAMES[run.route];
      return `| ${name} | ${run.connections} | ${int(run.reqPerSec)} | ${ratio} | ${f(run.p50Ms, 2)} | ${f(run.p99Ms, 2)} | ${run.errors} | ${run.timeouts} | ${run.non2xx} |`;
    }),
  ];
}

function loadSection(r: BenchResults): string {
  const out = ['## 4. HTTP under load', ''];
  if (!r.load.ok) return [...out, failed(r.load), '### Cluster mode', '', 'Not measured (see above).', ''].join('\n');
  const v = r.load.value;
  out.push(
    `autocannon (programmatic, in the bench process) against the built server in its own process (RATE_LIMIT_PER_MINUTE=0, LOG_LEVEL=silent), ${v.durationS} s per run, request bodies rotating through the dev questions. The load generator shares the ${r.machine.cores} cores with the server, so these are lower bounds of what a separate client would see. Latencies are computed from every 2xx response time. Server RSS: ${int(v.serverRssMb.afterStart)} MB after start, ${int(v.serverRssMb.afterLoad)} MB after all runs.`,
    '',
    ...loadTable(v.single, (run) => findRun(v.single, 'healthz', run.connections)),
    '',
    '### Cluster mode',
    '',
  );
  if (v.cluster.length === 0) out.push('Not measured in this run.', '');
  else {
    out.push(
      `CLUSTER_WORKERS=${v.clusterWorkers} (\`npm run start:cluster\`): the primary forks ${v.clusterWorkers} workers sharing the port. “vs single” compares with the single process at the same connections.`,
      '',
      '| route | connections | req/s cluster | req/s single | vs single | p50 ms | p99 ms | errors | non-2xx |',
      '|---|---|---|---|---|---|---|---|---|',
      ...v.cluster.map((run) => {
        const one = findRun(v.single, run.route, run.connections);
        const name = ROUTE_NAMES[run.route];
        return `| ${name} | ${run.connections} | ${int(run.reqPerSec)} | ${int(one?.reqPerSec)} | ${one ? `×${f(run.reqPerSec / one.reqPerSec, 2)}` : '—'} | ${f(run.p50Ms, 2)} | ${f(run.p99Ms, 2)} | ${run.errors + run.timeouts} | ${run.non2xx} |`;
      }),
      '',
    );
  }
  return out.join('\n');
}

function llmSection(r: BenchResults): string {
  const out = ['## 5. LLM-mode overhead', ''];
  if (!r.llm.ok) return [...out, failed(r.llm)].join('\n');
  const v = r.llm.value;
  const first = (xs: { firstTokenMs: number }[]) => xs.map((x) => x.firstTokenMs);
  const total = (xs: { totalMs: number }[]) => xs.map((x) => x.totalMs);
  out.push(
    `The stand-in OpenAI server (tests/support/fake-openai.ts) waits ${v.upstreamDelayMs} ms, then streams ${v.chunks} chunks ${v.chunkDelayMs} ms apart. Measured directly (a streamed chat completion) and through our server (\`POST /api/chat\`, \`Accept: text/event-stream\`, mode llm; first \`token\` event, and end of stream), ${v.ours.length} sequential questions after ${v.warmup} warm-up answers (${v.declined} tries were declined without an LLM call and skipped; ${v.upstreamCalls} upstream calls for ${v.ours.length} answers). min / **median** / max, ms.`,
    '',
    '| | time to first token | total |',
    '|---|---|---|',
    `| Stand-in called directly | ${spreadCell(first(v.direct), 1)} | ${spreadCell(total(v.direct), 1)} |`,
    `| Through our /api/chat | ${spreadCell(first(v.ours), 1)} | ${spreadCell(total(v.ours), 1)} |`,
    `| **Added by our server (medians)** | **+${f(v.addedFirstTokenMs, 1)}** | **+${f(v.addedTotalMs, 1)}** |`,
    `| First LLM answer after start (cold: lazy imports, JIT) | ${f(v.firstRequest?.firstTokenMs, 1)} | ${f(v.firstRequest?.totalMs, 1)} |`,
    '',
  );
  return out.join('\n');
}

function scaleSection(r: BenchResults): string {
  const out = ['## 6. Scale', ''];
  if (!r.scale.ok) return [...out, failed(r.scale)].join('\n');
  const runs = r.scale.value;
  const col = (fn: (s: ScaleRun) => string) => runs.map(fn).join(' | ');
  out.push(
    'Synthetic corpora (`scripts/bench/synthetic-corpus.ts`: 2–3 sentences or clauses of the real corpus per numbered paragraph, seeded PRNG, 500 paragraphs per .txt file) through the real pipeline into a temp INDEX_DIR, once per size. Then a fresh process loads the index with `buildServices` as the server does and runs the dev questions as hybrid queries (200 after 20 untimed, or fewer when a size exceeds the time budget: the count is shown), and 200 corpus sentences as vector queries against our HNSW index and an exact scan of the same stored vectors. Memory is `process.memoryUsage()` after a forced GC (the child runs with --expose-gc); the baseline is the same process before the index is loaded.',
    '',
    `| | ${runs.map((s) => `${int(s.targetUnits)} units`).join(' | ')} |`,
    `|---|${runs.map(() => '---').join('|')}|`,
    `| corpus (files, MB; generated in) | ${col((s) => `${s.corpus.files} files, ${f(s.corpus.megabytes, 1)} MB; ${f(s.corpus.generateSeconds, 1)} s`)} |`,
    `| units / chunks indexed | ${col((s) => `${int(s.ingest.units)} / ${int(s.ingest.chunks)}`)} |`,
    `| **ingest units/s** | ${col((s) => `**${int(s.ingest.unitsPerSecond)}**`)} |`,
    `| ingest seconds (parse / embed / index) | ${col((s) => `${f(s.ingest.seconds.total, 1)} (${f(s.ingest.seconds.parse, 1)} / ${f(s.ingest.seconds.embed, 1)} / ${f(s.ingest.seconds.index, 1)})`)} |`,
    `| ingest peak RSS | ${col((s) => `${int(s.ingest.maxRssMb)} MB`)} |`,
    `| index on disk | ${col((s) => `${f(s.index.totalBytes / 1024 / 1024, 1)} MB`)} |`,
    `|   units.json / lexical.bm25 / vectors.hnsw / chunks.json | ${col((s) => ['units.json', 'lexical.bm25', 'vectors.hnsw', 'chunks.json'].map((n) => f((s.index.files[n] ?? 0) / 1024 / 1024, 1)).join(' / '))} MB |`,
    `| index load (buildServices) | ${col((s) => `${f(s.serve.loadSeconds, 2)} s`)} |`,
    `| RSS: baseline → after load → after queries | ${col((s) => `${int(s.serve.memory.baselineRssMb)} → ${int(s.serve.memory.afterLoadRssMb)} → **${int(s.serve.memory.afterQueriesRssMb)}** MB`)} |`,
    `|   heap used after load / after queries; external | ${col((s) => `${int(s.serve.memory.afterLoadHeapMb)} / ${int(s.serve.memory.afterQueriesHeapMb)}; ${int(s.serve.memory.afterLoadExternalMb)} MB`)} |`,
    `| **hybrid query p50 / p99** (queries timed) | ${col((s) => `**${f(s.serve.hybrid.p50, 2)}** / ${f(s.serve.hybrid.p99, 2)} ms (${s.serve.hybrid.n})`)} |`,
    `| HNSW alone p50 / p99 (query embedding included) | ${col((s) => `${f(s.serve.hnsw.p50, 3)} / ${f(s.serve.hnsw.p99, 3)} ms`)} |`,
    `| exact scan p50 / p99 (JS) | ${col((s) => `${f(s.serve.exact.p50, 2)} / ${f(s.serve.exact.p99, 2)} ms`)} |`,
    `| **HNSW Recall@10 vs exact** (tie-aware; by label) | ${col((s) => `**${f(s.serve.recallAt10, 4)}**; ${f(s.serve.recallAt10ByLabel, 4)}`)} |`,
    '',
  );
  return out.join('\n');
}

function notesSection(previous: string | null): string {
  const kept =
    previous && previous.includes(NOTES_START) && previous.includes(NOTES_END)
      ? previous.slice(previous.indexOf(NOTES_START) + NOTES_START.length, previous.indexOf(NOTES_END)).trim()
      : '_No analysis notes yet. Write them between the markers; `npm run bench` keeps them._';
  return ['## Notes', '', NOTES_START, kept, NOTES_END, ''].join('\n');
}

/** The whole report. `previous` is the earlier report at the same path, whose notes are carried over. */
export function renderReport(r: BenchResults, previous: string | null = null): string {
  return [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench${r.quick ? ' -- --quick' : ''}\` (scripts/bench.ts) on ${r.machine.date.slice(0, 10)}. Every figure below comes from that one run; rerun it to refresh them. The notes at the end are hand-written and kept across runs.`,
    '',
    machineSection(r),
    targetsSection(r),
    ingestSection(r),
    startSection(r),
    retrievalSection(r),
    loadSection(r),
    llmSection(r),
    scaleSection(r),
    notesSection(previous),
  ].join('\n');
}
