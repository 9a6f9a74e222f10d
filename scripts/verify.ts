/**
 * @module scripts/verify
 * `npm run verify -- answers.jsonl`: checks a file of answers' citations as POST /api/verify does; --json,
 * --junit FILE, --url. Exit 1 when any answer is invalid. See scripts/verify/cli.ts.
 */
import { runMain } from './shared/main.js';
import { runVerifyCli } from './verify/cli.js';

runMain(runVerifyCli);
