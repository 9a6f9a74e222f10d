/**
 * @module scripts/eval
 * `npm run eval`: retrieval, citation, declining, quote and latency figures on a question set, in-process or
 * against a running server (--url); --json [FILE], --junit FILE, --strict, --compare FILE and --min-*
 * thresholds for CI. See scripts/eval/cli.ts.
 */
import { runCli } from './eval/cli.js';
import { runMain } from './shared/main.js';

runMain(runCli);
