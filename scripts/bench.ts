/**
 * @module scripts/bench
 * `npm run bench`: measures, in one run, ingest, start, in-process retrieval, HTTP under load (single process
 * and cluster), LLM-mode overhead and scale (synthetic 10k/100k-unit corpora), and writes docs/benchmarks.md
 * with a PASS/FAIL line per target. One file per measurement under scripts/bench/.
 *
 *   npm run bench                      full run (~5–8 min on 2 cores), writes docs/benchmarks.md
 *   npm run bench -- --quick           tiny inputs (500-unit corpus, 1 s load runs, 2 repeats), for tests
 *   npm run bench -- --out FILE        write the report elsewhere
 *   npm run bench -- --profile         also write .cpuprofile files of every child (bench-out/profiles/…);
 *                                      summarise them with `tsx scripts/bench/profile.ts FILE`
 *   npm run bench -- --only scale,load measure only these sections (the others say "not measured")
 *
 * All traffic stays on 127.0.0.1; every request loop is bounded by a duration or a count.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import { loadConfig } from '../core/config.js';
import { DEFAULT_SET } from './eval/cli.js';
import { readGoldSet } from './eval/gold-set.js';
import { measureIngest } from './bench/ingest.js';
import { measureLlmOverhead } from './bench/llm-overhead.js';
import { measureLoad } from './bench/load.js';
import { loadAverage, machineInfo } from './bench/machine.js';
import { ROOT } from './bench/proc.js';
import { renderReport, targets, type BenchResults, type Outcome } from './bench/report.js';
import { measureRetrieval } from './bench/retrieval.js';
import { measureScale } from './bench/scale.js';
import { measureStart } from './bench/start.js';
import { DEFAULT_SEED } from './bench/synthetic-corpus.js';

const SECTIONS = ['ingest', 'start', 'retrieval', 'load', 'llm', 'scale'] as const;
type Section = (typeof SECTIONS)[number];

const program = new Command()
  .name('bench')
  .description('Performance benchmark; writes docs/benchmarks.md')
  .option('--quick', 'tiny inputs: a 500-unit synthetic corpus, 1 s load runs, 2 repeats')
  .option('--out <file>', 'where to write the report', path.join(ROOT, 'docs', 'benchmarks.md'))
  .option('--profile', 'write a CPU profile of every child process into bench-out/profiles/<time>/')
  .option('--only <sections>', `comma-separated subset of: ${SECTIONS.join(', ')}`)
  .option('--keep-temp', 'keep the temp folder (indexes, synthetic corpora) for inspection')
  .parse();

const opts = program.opts<{ quick?: boolean; out: string; profile?: boolean; only?: string; keepTemp?: boolean }>();

function log(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

async function attempt<T>(name: Section, only: Set<Section>, fn: () => Promise<T>): Promise<Outcome<T>> {
  if (!only.has(name)) return { ok: false, error: `skipped (--only ${[...only].join(',')})` };
  const t0 = performance.now();
  log(`${name}: start`);
  try {
    const value = await fn();
    log(`${name}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return { ok: true, value };
  } catch (err) {
    const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
    log(`${name}: FAILED: ${error}`);
    return { ok: false, error };
  }
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const quick = Boolean(opts.quick);
  const only = new Set<Section>(opts.only ? (opts.only.split(',').map((s) => s.trim()) as Section[]) : [...SECTIONS]);
  for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`bench: unknown section "${s}"`);
  const plan = {
    repeats: quick ? 2 : 5,
    loadSeconds: quick ? 1 : 10,
    warmupSeconds: quick ? 0 : 2,
    retrievalPasses: quick ? 1 : 5,
    llmSamples: quick ? 3 : 20,
    llmWarmup: quick ? 1 : 5,
    scaleSizes: quick ? [500] : [10_000, 100_000],
    scaleQueries: quick ? 40 : 200,
    scaleQueryBudgetSeconds: quick ? 10 : 40,
    recallQueries: quick ? 50 : 200,
  };
  const profileDir = opts.profile
    ? path.join(ROOT, 'bench-out', 'profiles', new Date().toISOString().replace(/[:.]/g, '-'))
    : null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  // A folder per process: under tsx a process has two threads (the loader's and the main one), and each writes
  // its own profile; the main thread's is the large one.
  const nodeArgs = (label: string) =>
    profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, label)}`] : [];

  const config = loadConfig({});
  const machine = machineInfo(ROOT);
  log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}`);
  log('building the server bundle (node scripts/build.mjs)');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });

  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'bp-bench-'));
  const gold = readGoldSet(path.join(ROOT, DEFAULT_SET));
  const questions = gold.map((q) => q.question);
  const answerable = gold.filter((q) => q.answerable && !q.history?.length).map((q) => q.question);

  try {
    const ingest = await attempt('ingest', new Set([...only, 'ingest']), () =>
      measureIngest({
        corpusDir: config.corpusDir,
        cacheDir: config.cacheDir,
        tmpDir,
        repeats: only.has('ingest') ? plan.repeats : 1,
        coldCache: !quick && only.has('ingest'),
        nodeArgs,
        log,
      }),
    );
    // Every server-side measurement runs on the default index the ingest runs just built.
    const indexDir = ingest.ok ? ingest.value.indexDir : '';
    const needIndex =
      <T>(fn: () => Promise<T>) =>
      () => {
        if (!indexDir) throw new Error('no default index: the ingest measurement failed');
        return fn();
      };
    const results: BenchResults = {
      quick,
      machine,
      totalSeconds: 0,
      options: { repeats: plan.repeats, loadSeconds: plan.loadSeconds, scaleSizes: plan.scaleSizes },
      ingest: only.has('ingest') ? ingest : { ok: false, error: `skipped (--only ${[...only].join(',')})` },
      start: await attempt(
        'start',
        only,
        needIndex(() => measureStart({ indexDir, repeats: plan.repeats, nodeArgs, log })),
      ),
      retrieval: await attempt(
        'retrieval',
        only,
        needIndex(() => measureRetrieval({ indexDir, questions, passes: plan.retrievalPasses, log })),
      ),
      load: await attempt(
        'load',
        only,
        needIndex(() =>
          measureLoad({
            indexDir,
            questions,
            durationS: plan.loadSeconds,
            warmupS: plan.warmupSeconds,
            connections: [1, 16, 64],
            clusterWorkers: 2,
            nodeArgs,
            log,
          }),
        ),
      ),
      llm: await attempt(
        'llm',
        only,
        needIndex(() =>
          measureLlmOverhead({
            indexDir,
            questions: answerable,
            samples: plan.llmSamples,
            warmup: plan.llmWarmup,
            upstreamDelayMs: 200,
            chunkDelayMs: 10,
            nodeArgs,
            log,
          }),
        ),
      ),
      scale: await attempt('scale', only, () =>
        measureScale({
          sizes: plan.scaleSizes,
          sourceDir: config.corpusDir,
          cacheDir: config.cacheDir,
          tmpDir,
          questions,
          queries: plan.scaleQueries,
          queryBudgetSeconds: plan.scaleQueryBudgetSeconds,
          recallQueries: plan.recallQueries,
          seed: DEFAULT_SEED,
          nodeArgs,
          log,
        }),
      ),
    };
    results.totalSeconds = (performance.now() - t0) / 1000;
    results.machine.loadAtEnd = loadAverage();

    const out = path.resolve(opts.out);
    const previous = existsSync(out) ? readFileSync(out, 'utf8') : null;
    mkdirSync(path.dirname(out), { recursive: true });
    // Formatted as `npm run format` would (tables aligned), so the committed report stays as generated.
    const prettier = await import('prettier');
    const style = (await prettier.resolveConfig(out)) ?? {};
    writeFileSync(out, await prettier.format(renderReport(results, previous), { ...style, parser: 'markdown' }));
    log(`report written to ${path.relative(process.cwd(), out) || out}`);
    for (const t of targets(results)) log(`  ${t.verdict.padEnd(4)} ${t.target}: ${t.measured}`);
    if (profileDir) log(`CPU profiles in ${profileDir}`);
    const failures = SECTIONS.filter((s) => only.has(s) && !results[s].ok);
    if (failures.length) {
      log(`measurements that failed: ${failures.join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    if (opts.keepTemp) log(`temp folder kept: ${tmpDir}`);
    else await rm(tmpDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
