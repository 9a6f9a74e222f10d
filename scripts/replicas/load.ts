/**
 * @module scripts/replicas/load
 * A bounded loopback load with every request accounted for, which a generic load tool cannot give: a stream
 * is complete only when its `done` event arrived, so a stream cut by a dying replica is told apart from a
 * refused or failed request. Each outcome records the status, the time to the whole reply, `X-Cache` and
 * the `indexBuild` the reply names.
 * Like a browser, and as Node's documentation advises, a request that failed before any reply on a reused
 * keep-alive connection (the server closed it as the request went out: nginx's old workers do so when it
 * reloads) is sent again; so is one whose new connection was reset before any reply (an old worker accepted it
 * just before the reload shut it down). Such requests are marked `resent`; each is sent at most MAX_SENDS times.
 */
import { Agent, request } from 'node:http';

export type LoadKind = 'search' | 'chat' | 'stream' | 'health';

export interface LoadRequest {
  kind: LoadKind;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

export interface Outcome {
  kind: LoadKind;
  /** 0 when no response came (refused, reset, timed out). */
  status: number;
  ms: number;
  /** When it was sent and when it ended: ms since the load started. */
  sentAt: number;
  at: number;
  /** A stream whose response began but ended without its `done` event. */
  cut: boolean;
  error?: string;
  /** Sent again after its reused keep-alive connection closed before any reply. */
  resent?: boolean;
  cache?: string;
  indexBuild?: string;
}

export interface LoadOptions {
  url: string;
  total: number;
  concurrency: number;
  /** The i-th request. */
  next(i: number): LoadRequest;
  timeoutMs?: number;
  /** Keeps going past `total` while this returns true (e.g. until a roll is over). */
  keepGoing?(): boolean;
  /** Called after each reply with how many have come back so far. */
  onOutcome?(outcome: Outcome, count: number): void;
}

/** A promise that resolves once `count` replies have come back: pass its `onOutcome` to runLoad. */
export function afterReplies(count: number): { reached: Promise<void>; onOutcome(o: Outcome, n: number): void } {
  let resolve = () => {};
  const reached = new Promise<void>((r) => (resolve = r));
  return { reached, onOutcome: (_o, n) => n >= count && resolve() };
}

/** What the reply names as the index that answered, from a JSON body or a stream's `done` event. */
function indexBuildOf(kind: LoadKind, text: string): string | undefined {
  try {
    if (kind === 'stream') {
      const done = /event: done\ndata: (.*)\n/.exec(text);
      return done ? (JSON.parse(done[1]) as { indexBuild?: string }).indexBuild : undefined;
    }
    return (JSON.parse(text) as { indexBuild?: string }).indexBuild;
  } catch {
    return undefined;
  }
}

interface Attempt {
  outcome: Outcome;
  /** Failed before any reply on a reused keep-alive connection: safe to send again. */
  staleConnection: boolean;
}

/**
 * How many times a request closed unanswered is sent in all. A reload retires every old nginx worker, and the
 * agent may hold several of their idle connections: the resend can draw another one that is closing too (seen
 * once in CI, 2026-12-05), so one resend is not always enough.
 */
const MAX_SENDS = 3;

async function send(agent: Agent, base: URL, req: LoadRequest, timeoutMs: number, t0: number): Promise<Outcome> {
  const start = performance.now();
  let tried = await attempt(agent, base, req, timeoutMs, t0, start);
  for (let sends = 1; tried.staleConnection && sends < MAX_SENDS; sends++) {
    tried = await attempt(agent, base, req, timeoutMs, t0, start);
    tried = { ...tried, outcome: { ...tried.outcome, resent: true } };
  }
  return tried.outcome;
}

function attempt(
  agent: Agent,
  base: URL,
  req: LoadRequest,
  timeoutMs: number,
  t0: number,
  start: number,
): Promise<Attempt> {
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (req.kind === 'stream') headers.accept = 'text/event-stream';
  return new Promise((resolve) => {
    let status = 0;
    let text = '';
    let cache: string | undefined;
    let settled = false;
    let closedUnanswered = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      const now = performance.now();
      const cut = req.kind === 'stream' && status === 200 && !text.includes('event: done');
      resolve({
        staleConnection: Boolean(error) && status === 0 && (r.reusedSocket || closedUnanswered),
        outcome: {
          kind: req.kind,
          status: error && status === 0 ? 0 : status,
          ms: now - start,
          sentAt: start - t0,
          at: now - t0,
          cut,
          ...(error ? { error } : {}),
          ...(cache ? { cache } : {}),
          indexBuild: status === 200 ? indexBuildOf(req.kind, text) : undefined,
        },
      });
    };
    const r = request(
      { host: base.hostname, port: base.port, method: req.method, path: req.path, headers, agent, timeout: timeoutMs },
      (res) => {
        status = res.statusCode ?? 0;
        cache = res.headers['x-cache'] as string | undefined;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => finish());
        res.on('error', (err) => finish(err.message));
        res.on('aborted', () => finish('aborted'));
      },
    );
    r.on('timeout', () => r.destroy(new Error(`no reply within ${timeoutMs} ms`)));
    r.on('error', (err: NodeJS.ErrnoException) => {
      // Closed with no reply at all: on a reused connection (nginx closed it as the request went out), or on a
      // new one that an old nginx worker accepted just before a reload shut it down. Either is sent again.
      closedUnanswered = err.code === 'ECONNRESET';
      finish(err.message);
    });
    r.end(body);
  });
}

export async function runLoad(options: LoadOptions): Promise<Outcome[]> {
  const base = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const outcomes: Outcome[] = [];
  const t0 = performance.now();
  let issued = 0;
  const more = () => issued < options.total || (options.keepGoing?.() ?? false);
  const worker = async () => {
    while (more()) {
      const i = issued++;
      const outcome = await send(agent, base, options.next(i), options.timeoutMs ?? 30_000, t0);
      outcomes.push(outcome);
      options.onOutcome?.(outcome, outcomes.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  agent.destroy();
  return outcomes;
}

/** A failed request as a client sees it: no reply, a server error, a reply cut short (streams included). */
export function failed(o: Outcome): boolean {
  return o.status === 0 || o.status >= 500 || o.cut || o.error !== undefined;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
