/**
 * @module scripts/bench/load
 * HTTP under load: autocannon (programmatic) against the built server running as its own process (so the load
 * generator never shares its event loop), rate limit off, logs silent. POST /api/search and POST /api/chat
 * (extractive) rotate through the dev questions; GET /healthz on the same server is the ceiling each figure is
 * compared with. One connection gives the latency of a request that does not queue; 16 and 64 show behaviour
 * under concurrency. Then the same with CLUSTER_WORKERS=2.
 *
 * Latency percentiles are computed from every 2xx response time autocannon reports (its own histogram rounds
 * to whole milliseconds, too coarse for a 3 ms target).
 */
import autocannon from 'autocannon';
import { httpRequest, startServer, type ServerProcess } from './proc.js';
import { percentile } from './stats.js';

export type Route = 'healthz' | 'search' | 'chat';

export interface LoadRun {
  route: Route;
  connections: number;
  workers: number;
  durationS: number;
  /** All responses per second. */
  reqPerSec: number;
  /** Requests answered 2xx. */
  ok: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

export interface LoadResults {
  durationS: number;
  single: LoadRun[];
  cluster: LoadRun[];
  clusterWorkers: number;
  /** Resident memory of the single server after start and after all its load runs, MB. */
  serverRssMb: { afterStart: number | null; afterLoad: number | null };
}

type Method = 'GET' | 'POST';

function requestsFor(route: Route, questions: readonly string[]): autocannon.Request[] {
  const json = { 'content-type': 'application/json' };
  const method: Method = 'POST';
  switch (route) {
    case 'healthz':
      return [{ method: 'GET', path: '/healthz' }];
    case 'search':
      return questions.map((q) => ({ method, path: '/api/search', headers: json, body: JSON.stringify({ query: q }) }));
    case 'chat':
      return questions.map((q) => ({
        method,
        path: '/api/chat',
        headers: json,
        body: JSON.stringify({ question: q, mode: 'extractive' }),
      }));
  }
}

/** One autocannon run; resolves with the figures and the precise 2xx latencies. */
function cannon(
  url: string,
  route: Route,
  questions: readonly string[],
  connections: number,
  durationS: number,
): Promise<Omit<LoadRun, 'workers'>> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const instance = autocannon(
      {
        url,
        connections,
        duration: durationS,
        requests: requestsFor(route, questions),
        timeout: 10,
      },
      (err, result) => {
        if (err) {
          reject(err);
          return;
        }
        const seconds = Math.max(result.duration, 1e-9);
        resolve({
          route,
          connections,
          durationS: result.duration,
          reqPerSec: result.requests.total / seconds,
          ok: result['2xx'],
          p50Ms: percentile(times, 50),
          p99Ms: percentile(times, 99),
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
        });
      },
    );
    instance.on('response', (_client, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
    });
  });
}

/** Fails loudly when a route does not answer as expected, before any figure is taken from it. */
async function checkRoutes(server: ServerProcess, question: string): Promise<void> {
  const post = (path: string, body: unknown) =>
    httpRequest(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const search = await post('/api/search', { query: question });
  const results = search.status === 200 ? (JSON.parse(search.body) as { results?: unknown[] }).results : undefined;
  if (!results?.length) throw new Error(`load: /api/search answered ${search.status}: ${search.body.slice(0, 200)}`);
  const chat = await post('/api/chat', { question, mode: 'extractive' });
  if (chat.status !== 200 || !(JSON.parse(chat.body) as { answer?: string }).answer)
    throw new Error(`load: /api/chat answered ${chat.status}: ${chat.body.slice(0, 200)}`);
}

async function runMatrix(
  server: ServerProcess,
  plan: { route: Route; connections: number }[],
  options: { questions: string[]; durationS: number; warmupS: number; workers: number; log: (line: string) => void },
): Promise<LoadRun[]> {
  await checkRoutes(server, options.questions[0]);
  if (options.warmupS > 0) {
    for (const route of ['search', 'chat'] as const)
      await cannon(server.url, route, options.questions, 16, options.warmupS);
  }
  const runs: LoadRun[] = [];
  for (const { route, connections } of plan) {
    const run = {
      ...(await cannon(server.url, route, options.questions, connections, options.durationS)),
      workers: options.workers,
    };
    options.log(
      `load ${options.workers > 1 ? `cluster×${options.workers}` : 'single'} ${route} c=${connections}: ` +
        `${run.reqPerSec.toFixed(0)} req/s, p50 ${run.p50Ms.toFixed(2)} ms, p99 ${run.p99Ms.toFixed(2)} ms, ` +
        `errors ${run.errors}, non-2xx ${run.non2xx}`,
    );
    runs.push(run);
  }
  return runs;
}

export async function measureLoad(options: {
  indexDir: string;
  questions: string[];
  durationS: number;
  warmupS: number;
  connections: number[];
  clusterWorkers: number;
  nodeArgs?: (label: string) => string[];
  log: (line: string) => void;
}): Promise<LoadResults> {
  // No answer cache: the runs rotate through the dev questions, and a cached answer would measure the cache,
  // not answering.
  const env = {
    INDEX_DIR: options.indexDir,
    AUTO_INGEST: 'false',
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
    ANSWER_CACHE_TTL_SECONDS: '0',
  };
  const routes: Route[] = ['healthz', 'search', 'chat'];
  const results: LoadResults = {
    durationS: options.durationS,
    single: [],
    cluster: [],
    clusterWorkers: options.clusterWorkers,
    serverRssMb: { afterStart: null, afterLoad: null },
  };

  const single = await startServer({ env, nodeArgs: options.nodeArgs?.('load-single') });
  try {
    results.serverRssMb.afterStart = single.rssMb();
    const plan = options.connections.flatMap((connections) => routes.map((route) => ({ route, connections })));
    results.single = await runMatrix(single, plan, { ...options, workers: 1 });
    results.serverRssMb.afterLoad = single.rssMb();
  } finally {
    await single.stop();
  }

  if (options.clusterWorkers > 1) {
    // Workers start on their own; several 200s in a row on new connections means all of them answer.
    const cluster = await startServer({
      env: { ...env, CLUSTER_WORKERS: String(options.clusterWorkers) },
      consecutive: options.clusterWorkers * 4,
    });
    try {
      const loaded = options.connections.filter((c) => c > 1);
      const plan = loaded.flatMap((connections) =>
        (['healthz', 'search', 'chat'] as const).map((route) => ({ route, connections })),
      );
      results.cluster = await runMatrix(cluster, plan, { ...options, workers: options.clusterWorkers });
    } finally {
      await cluster.stop();
    }
  }
  return results;
}
