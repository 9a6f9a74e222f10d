/**
 * @module scripts/eval/cli
 * `npm run eval -- [options]`, as a function returning the exit code (0 ok, 1 a threshold missed or, with
 * --strict, a question failed, 2 bad usage or a failed run), so tests can drive it in-process with their own
 * services and streams.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { buildServices } from '../../server/bootstrap.js';
import { readGoldSet, type GoldQuestion } from './gold-set.js';
import { ensureIndex } from '../../ingest/ensure-index.js';
import { loadConfig } from '../../core/config.js';
import type { Services } from '../../server/services.js';
import { compareReports, formatComparison, parsePreviousReport, type PreviousReport } from './compare.js';
import { formatJUnit, formatTable } from './report.js';
import { runEval, type EvalReport } from './run.js';
import { httpTarget, inProcessTarget, type EvalMode, type EvalTarget } from './target.js';
import { checkThresholds, describeMiss, THRESHOLD_FLAGS, type Thresholds } from './thresholds.js';

export const DEFAULT_SET = path.join('tests', 'eval', 'dev-questions.jsonl');

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Services to evaluate in-process; built from the environment (after ensureIndex) when absent. */
  services?: Services;
}

interface CliOptions extends Thresholds {
  set: string;
  mode: EvalMode;
  url?: string;
  /** true: the JSON report on stdout; a file name: written there (stdout keeps the table). */
  json?: boolean | string;
  junit?: string;
  strict?: boolean;
  compare?: string;
  split?: 'train' | 'test';
}

function fraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new InvalidArgumentError(`expected a number from 0 to 1, got "${value}"`);
  }
  return n;
}

function program(io: CliIO): Command {
  const command = new Command('eval')
    .description('Evaluate retrieval, citations, declining, quotes and latency on a question set')
    .option('--set <file>', 'question set (JSON Lines, see tests/eval/README.md)', DEFAULT_SET)
    .addOption(new Option('--mode <mode>', 'answer mode').choices(['auto', 'extractive', 'llm']).default('auto'))
    .option('--url <url>', 'evaluate a running server (e.g. http://127.0.0.1:3000) instead of the pipeline in-process')
    .option('--json [file]', 'the report as one JSON object: written to file, or printed instead of the table')
    .option('--junit <file>', 'also write JUnit XML, one testcase per question')
    .option('--strict', 'exit 1 when any question fails (as JUnit counts failures)')
    .addOption(new Option('--split <half>', 'only the questions of one half of a split set').choices(['train', 'test']))
    .option('--compare <file>', "what changed since a previous run's --json report: per question, and the figures");
  for (const { flag, metric } of Object.values(THRESHOLD_FLAGS)) {
    command.option(`${flag} <x>`, `exit 1 when ${metric} is below x (0–1)`, fraction);
  }
  return command
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .allowExcessArguments(false);
}

async function targetFor(opts: CliOptions, io: CliIO): Promise<EvalTarget> {
  if (opts.url) return httpTarget(opts.url);
  if (io.services) return inProcessTarget(io.services);
  const config = loadConfig();
  await ensureIndex(config, (line) => io.stderr(`${line}\n`));
  return inProcessTarget(await buildServices(config));
}

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let opts: CliOptions;
  try {
    opts = program(io)
      .parse([...argv], { from: 'user' })
      .opts<CliOptions>();
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  let report: EvalReport;
  let previous: PreviousReport | null = null;
  try {
    // Read first: a wrong --compare file should not cost a whole run.
    if (opts.compare) previous = parsePreviousReport(readFileSync(opts.compare, 'utf8'), opts.compare);
    const target = await targetFor(opts, io);
    report = await runEval({
      set: opts.split ? splitOf(opts.set, opts.split) : opts.set,
      target,
      mode: opts.mode,
      onProgress: (done, total) => {
        if (done % 25 === 0 && done < total) io.stderr(`eval: ${done}/${total} questions…\n`);
      },
    });
    if (opts.split) report = { ...report, set: `${opts.set} (${opts.split})` };
  } catch (err) {
    io.stderr(`${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const comparison = previous && opts.compare ? compareReports(report, previous, opts.compare) : null;
  const json = `${JSON.stringify(comparison ? { ...report, comparison } : report, null, 2)}\n`;
  if (opts.json === true) io.stdout(json);
  else {
    if (typeof opts.json === 'string') writeOut(opts.json, json);
    io.stdout(formatTable(report) + (comparison ? `\n${formatComparison(comparison, report.indexBuild)}` : ''));
  }
  if (opts.junit) writeOut(opts.junit, formatJUnit(report));
  const misses = checkThresholds(report, opts);
  for (const miss of misses) io.stderr(`${describeMiss(miss)}\n`);
  const failed = report.questions.filter((q) => q.status === 'fail');
  if (opts.strict && failed.length > 0) {
    io.stderr(
      `eval: ${failed.length} of ${report.counts.questions} questions failed (--strict): ${failed.map((q) => q.id).join(', ')}\n`,
    );
  }
  return misses.length > 0 || (opts.strict && failed.length > 0) ? 1 : 0;
}

/** One half of a split set (the fresh set's `split`); a set without that half is refused. */
function splitOf(file: string, half: 'train' | 'test'): GoldQuestion[] {
  const questions = readGoldSet(file).filter((q) => q.split === half);
  if (questions.length === 0) throw new Error(`eval: ${file}: no questions with split "${half}"`);
  return questions;
}

function writeOut(file: string, text: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, text);
}
