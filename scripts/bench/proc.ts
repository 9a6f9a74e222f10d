/**
 * @module scripts/bench/proc
 * Child processes for the benchmark: the built server (`node dist/server/main.js`) on a loopback port, and
 * measurement tasks forked under tsx (scripts/bench/child.ts). Each measurement runs in its own process so
 * that caches, JIT state and memory of one do not colour the next, and so the load generator and the server
 * never share an event loop. Every process started here is stopped here, by its own pid.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_ENTRY = path.join(ROOT, 'dist', 'server', 'main.js');
const CHILD_ENTRY = path.join(ROOT, 'scripts', 'bench', 'child.ts');

/**
 * The environment every child starts from: offline (no OpenAI key, local embeddings), quiet, no rate limit,
 * no cluster. A developer's own OPENAI_API_KEY or PORT must not change what is measured.
 */
export function benchEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'PORT', 'HOST', 'CLUSTER_WORKERS', 'NODE_OPTIONS'])
    delete env[key];
  return {
    ...env,
    EMBEDDINGS: 'local',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    HOST: '127.0.0.1',
    ...overrides,
  };
}

/** A port nobody listens on right now (the OS picks it; closed again before the server takes it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface HttpReply {
  status: number;
  body: string;
}

/** One request on a fresh connection (no agent), so a poll never holds a socket the next one reuses. */
export function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (p: Buffer) => parts.push(p));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 5_000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Keeps the last bytes of a stream, for an error message when a child dies. */
function tail(stream: NodeJS.ReadableStream | null, limit = 16_384): () => string {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    text = (text + chunk).slice(-limit);
  });
  return () => text;
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** ms from spawn to the first HTTP answer of any status (the port is open; /healthz says 503 until ready). */
  listeningMs: number;
  /** ms from spawn to /healthz answering 200 (index loaded, ready to serve). */
  readyMs: number;
  /** Resident memory now, from /proc (Linux); null elsewhere. */
  rssMb(): number | null;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  env: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  readyTimeoutMs?: number;
  /** Poll interval; it bounds the start-time resolution. */
  pollMs?: number;
  /** 200s in a row (each on a new connection) before ready; >1 with cluster workers, which start separately. */
  consecutive?: number;
}

/** Starts the built server on a free loopback port and waits until /healthz answers 200. */
export async function startServer(options: StartServerOptions): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_ENTRY], {
    cwd: ROOT,
    env: benchEnv({ ...options.env, PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr = tail(child.stderr);
  const stdout = tail(child.stdout);
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`;
  });
  const stop = () => stopChild(child);
  const deadline = t0 + (options.readyTimeoutMs ?? 120_000);
  let listeningMs = -1;
  let streak = 0;
  try {
    while (streak < (options.consecutive ?? 1)) {
      if (exited) throw new Error(`server ${exited} before it was ready:\n${stderr()}${stdout()}`);
      if (performance.now() > deadline)
        throw new Error(`server not ready after ${options.readyTimeoutMs ?? 120_000} ms`);
      const reply = await httpRequest(`${url}/healthz`, { timeoutMs: 2_000 }).catch(() => null);
      if (reply && listeningMs < 0) listeningMs = performance.now() - t0;
      if (reply?.status === 200) streak++;
      else {
        streak = 0;
        await sleep(options.pollMs ?? 5);
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const readyMs = performance.now() - t0;
  return { url, pid: child.pid ?? -1, listeningMs, readyMs, rssMb: () => rssOfPid(child.pid), stop };
}

/** SIGTERM (the server drains and exits; a --cpu-prof child writes its profile), SIGKILL if it hangs. */
export async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** VmRSS of a process in MB, from /proc; null when unavailable (not Linux, or gone). */
export function rssOfPid(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export interface TaskOptions {
  env?: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof and its folder. */
  nodeArgs?: string[];
  timeoutMs?: number;
}

/**
 * Runs a measurement task (see child.ts) in a fresh Node process under tsx and returns what it reported,
 * with the process's wall time from fork to exit.
 */
export function runTask<T>(
  task: string,
  input: unknown,
  options: TaskOptions = {},
): Promise<{ result: T; wallMs: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = fork(CHILD_ENTRY, [task, JSON.stringify(input)], {
      cwd: ROOT,
      env: benchEnv(options.env),
      execArgv: ['--import', 'tsx', ...(options.nodeArgs ?? [])],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const stderr = tail(child.stderr);
    const stdout = tail(child.stdout);
    let result: { ok: true; value: T } | { ok: false; error: string } | null = null;
    child.on('message', (message) => {
      result = message as typeof result;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 600_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      const r = result as typeof result;
      if (r?.ok) resolve({ result: r.value, wallMs });
      else
        reject(
          new Error(
            `bench task ${task} failed (${code ?? signal}): ${r && !r.ok ? r.error : 'no result'}\n${stderr()}${stdout()}`.trim(),
          ),
        );
    });
  });
}
