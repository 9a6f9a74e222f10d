/**
 * @module scripts/eval
 * `npm run eval`: retrieval, citation, declining, quote and latency figures on a question set, in-process or
 * against a running server (--url); --json, --junit FILE and --min-* thresholds for CI. See scripts/eval/cli.ts.
 */
import { runCli } from './eval/cli.js';

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
