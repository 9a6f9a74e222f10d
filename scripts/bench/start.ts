/**
 * @module scripts/bench/start
 * Start time of the built server: from spawning `node dist/server/main.js` to /healthz answering 200 with a
 * fresh index in service (AUTO_INGEST on, as `npm start` runs it: the index is checked, not rebuilt). The
 * server listens first and answers 503 until the index is loaded, so both moments are recorded. Node's own
 * start-up (`node -e 0`) is measured beside it, as the floor no change to our code can go below.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { startServer } from './proc.js';

export interface StartResults {
  /** ms from spawn to /healthz 200, one per run. */
  readyMs: number[];
  /** ms from spawn to the first HTTP answer (503 while loading). */
  listeningMs: number[];
  /** ms for `node -e 0` to start and exit. */
  nodeBaselineMs: number[];
  /** Resident memory of the server once ready (first run), MB. */
  rssMb: number | null;
  pollMs: number;
}

function nodeBaseline(): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', () => resolve(performance.now() - t0));
  });
}

export async function measureStart(options: {
  indexDir: string;
  repeats: number;
  nodeArgs?: (label: string) => string[];
  log: (line: string) => void;
}): Promise<StartResults> {
  const pollMs = 5;
  const results: StartResults = { readyMs: [], listeningMs: [], nodeBaselineMs: [], rssMb: null, pollMs };
  // One untimed start: the first reads every file from disk; the measured ones see a warm page cache, as a
  // restart does.
  const warmup = await startServer({ env: { INDEX_DIR: options.indexDir }, pollMs });
  await warmup.stop();
  for (let i = 0; i < options.repeats; i++) {
    const server = await startServer({
      env: { INDEX_DIR: options.indexDir, AUTO_INGEST: 'true' },
      pollMs,
      nodeArgs: options.nodeArgs?.(`start-${i + 1}`),
    });
    results.readyMs.push(server.readyMs);
    results.listeningMs.push(server.listeningMs);
    if (i === 0) results.rssMb = server.rssMb();
    await server.stop();
    results.nodeBaselineMs.push(await nodeBaseline());
    options.log(`start ${i + 1}/${options.repeats}: ready in ${server.readyMs.toFixed(0)} ms`);
  }
  return results;
}
