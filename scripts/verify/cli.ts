/**
 * @module scripts/verify/cli
 * `npm run verify -- answers.jsonl [--url URL] [--json [file]] [--junit FILE]`: checks a file of answers
 * (scripts/verify/answers.ts) as POST /api/verify does, against the index in this project (built if needed) or
 * a running server. Returns the exit code: 0 every answer valid, 1 any invalid, 2 bad usage or a failed run.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { createClient } from '../../client/index.js';
import { loadIndex } from '../../core/index/store.js';
import { createCatalogue } from '../../server/catalogue.js';
import { ensureIndex } from '../../ingest/ensure-index.js';
import { loadConfig } from '../../core/config.js';
import { catalogueSource } from '../../server/routes/verify.js';
import {
  foldedSource,
  verifyCitations,
  type VerifyRequest,
  type VerifyResponse,
} from '../../server/verify/verify-citations.js';
import { parseAnswers, type AnswerVerdict } from './answers.js';
import { buildReport, formatJUnit, formatTable } from './report.js';

export interface VerifyCliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The environment to read the index location from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

interface Options {
  url?: string;
  json?: boolean | string;
  junit?: string;
}

interface Verifier {
  name: string;
  indexBuild: string;
  verifyMany(requests: VerifyRequest[]): Promise<VerifyResponse[]>;
}

async function inProcess(io: VerifyCliIO): Promise<Verifier> {
  const config = loadConfig(io.env ?? process.env);
  await ensureIndex(config, (line) => io.stderr(`${line}\n`));
  const index = await loadIndex(config.indexDir);
  const source = foldedSource(catalogueSource(createCatalogue(index.documents, index.units)));
  return {
    name: 'in-process',
    indexBuild: index.manifest.corpusFingerprint,
    verifyMany: async (requests) => requests.map((r) => verifyCitations(r, source)),
  };
}

async function overHttp(url: string): Promise<Verifier> {
  const client = createClient({ baseUrl: url });
  const { indexBuild } = await client.health();
  return { name: url, indexBuild, verifyMany: (requests) => client.verifyMany(requests) };
}

function program(io: VerifyCliIO): Command {
  return new Command('verify')
    .description('Verify a file of answers (JSON Lines, one /api/verify body per line) against the corpus')
    .argument('<answers>', 'answers file: { id?, answer?, citations: [{ id, quote?, n? }] } per line')
    .option('--url <url>', 'verify against a running server (e.g. http://127.0.0.1:3000) instead of in-process')
    .option('--json [file]', 'the report as one JSON object: written to file, or printed instead of the table')
    .option('--junit <file>', 'also write JUnit XML, one testcase per answer')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .allowExcessArguments(false);
}

function writeOut(file: string, text: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, text);
}

export async function runVerifyCli(argv: readonly string[], io: VerifyCliIO): Promise<number> {
  let file: string;
  let opts: Options;
  try {
    const command = program(io).parse([...argv], { from: 'user' });
    [file] = command.args;
    opts = command.opts<Options>();
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  let verdicts: AnswerVerdict[];
  let verifier: Verifier;
  try {
    const lines = parseAnswers(readFileSync(file, 'utf8'));
    if (lines.length === 0) throw new Error(`verify: ${file}: no answers`);
    verifier = opts.url ? await overHttp(opts.url) : await inProcess(io);
    const checkable = lines.filter((l) => l.request);
    const results = await verifier.verifyMany(checkable.map((l) => l.request as VerifyRequest));
    const resultOf = new Map(checkable.map((l, i) => [l.line, results[i]]));
    verdicts = lines.map((l) => {
      const result = resultOf.get(l.line);
      return result
        ? { line: l.line, id: l.name, valid: result.valid, request: l.request, result }
        : { line: l.line, id: l.name, valid: false, error: l.error };
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`${message.startsWith('verify:') ? message : `verify: ${message}`}\n`);
    return 2;
  }
  const report = buildReport(file, verifier.name, verifier.indexBuild, verdicts);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (opts.json === true) io.stdout(json);
  else {
    if (typeof opts.json === 'string') writeOut(opts.json, json);
    io.stdout(formatTable(report));
  }
  if (opts.junit) writeOut(opts.junit, formatJUnit(report));
  return report.counts.invalid > 0 ? 1 : 0;
}
