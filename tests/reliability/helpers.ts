/**
 * @module tests/reliability/helpers
 * What the reliability and HTTP-hardening tests share: the real app behind a server configured like
 * production (timeouts, JSON client errors), a spawned `bin/start.ts` process with its logs, temporary
 * copies of the corpus and test index, free loopback ports and a process's resident memory.
 * Spawned programs are bundled first with esbuild, as `npm start` bundles dist/server/main.js: starting a
 * bundle costs a fraction of compiling TypeScript on the fly, which matters on a two-core CI runner.
 * Everything listens on 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { createApp } from '../../server/app.js';
import type { Config } from '../../core/config.js';
import { configureServer, httpServerOptions } from '../../server/http/server.js';
import { CORPUS_DIR, ROOT } from '../support/paths.js';
import { TEST_INDEX_DIR } from '../support/test-index.js';
import { testServices } from '../support/test-server.js';

export const GOOD_QUESTION = 'What did Prague 1997 say about carrier sanctions?';
export const GOOD_CITATION = 'prague-1997:rec-18';

export interface Running {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** The real app over the shared test index, behind a server configured as bin/start.ts configures it. */
export async function startGuardedServer(overrides: Partial<Config> = {}, logger?: Logger): Promise<Running> {
  const services = await testServices(overrides);
  const server = createServer(httpServerOptions(services.config), createApp(services, { logger }));
  configureServer(server, services.config);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
}

/** One request over a fresh connection, bytes exactly as given (no client-side normalisation of the path). */
export function rawRequest(port: number, req: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (
      req.body !== undefined &&
      headers['content-length'] === undefined &&
      headers['transfer-encoding'] === undefined
    ) {
      headers['content-length'] = Buffer.byteLength(req.body);
    }
    const r = request(
      {
        host: '127.0.0.1',
        port,
        method: req.method ?? 'GET',
        path: req.path,
        headers,
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          let json: unknown = undefined;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON; the test says whether that is a failure
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error(`no answer within ${timeoutMs} ms: ${req.method ?? 'GET'} ${req.path}`)));
    r.on('error', reject);
    r.end(req.body);
  });
}

export function postJson(port: number, path: string, body: unknown, headers: Record<string, string> = {}) {
  return rawRequest(port, {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** A port free on 127.0.0.1 right now (for a child process that must be told its port). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `bp-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A private copy of the shared test index (CURRENT and the build it names). */
export function copyTestIndex(into: string): string {
  const dir = path.join(into, 'index');
  const current = readFileSync(path.join(TEST_INDEX_DIR, 'CURRENT'), 'utf8').trim();
  cpSync(path.join(TEST_INDEX_DIR, current), path.join(dir, current), { recursive: true });
  cpSync(path.join(TEST_INDEX_DIR, 'CURRENT'), path.join(dir, 'CURRENT'));
  return dir;
}

export function copyCorpus(into: string): string {
  const dir = path.join(into, 'corpus');
  cpSync(CORPUS_DIR, dir, { recursive: true });
  return dir;
}

/** Resident memory of a process in bytes (Linux /proc), or null elsewhere. */
export function rssOf(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export interface Bundles {
  /** bin/start.ts */
  server: string;
  /** ingest/cli.ts */
  ingest: string;
  /** tests/reliability/fixtures/ingest-paused.ts */
  pausedIngest: string;
}

let bundling: Promise<Bundles> | undefined;

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The programs the tests spawn, bundled once per test process into .cache/ under the project, so that
 * packages resolve from its node_modules and the prompts are found above it, exactly as from dist/.
 */
export function bundles(): Promise<Bundles> {
  bundling ??= (async () => {
    const parent = path.join(ROOT, '.cache', 'reliability-bundles');
    const outdir = path.join(parent, String(process.pid));
    // Test workers are often ended without an 'exit' event; the bundles of dead ones are removed here.
    for (const name of existsSync(parent) ? readdirSync(parent) : []) {
      if (!isAlive(Number(name))) rmSync(path.join(parent, name), { recursive: true, force: true });
    }
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    const entries = {
      server: 'bin/start.ts',
      ingest: 'ingest/cli.ts',
      pausedIngest: 'tests/reliability/fixtures/ingest-paused.ts',
    };
    await build({
      entryPoints: Object.entries(entries).map(([out, file]) => ({ out, in: path.join(ROOT, file) })),
      outdir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    return {
      server: path.join(outdir, 'server.mjs'),
      ingest: path.join(outdir, 'ingest.mjs'),
      pausedIngest: path.join(outdir, 'pausedIngest.mjs'),
    };
  })();
  return bundling;
}

// Settings that must come from the test, never from the developer's shell.
const CONFIG_VARS =
  /^(?:PORT|HOST|CORPUS_DIR|INDEX_DIR|CACHE_DIR|EMBEDDINGS.*|OPENAI_.*|CHAT_.*|LLM_.*|RATE_LIMIT.*|TRUST_PROXY|REQUEST_TIMEOUT_MS|BODY_TIMEOUT_MS|NODE_ENV|SHUTDOWN_GRACE_MS|CORS_ORIGINS|LOG_LEVEL|CLUSTER_WORKERS|AUTO_INGEST|INDEX_POLL_MS|REDIS_URL|ANSWER_CACHE_.*|REPLICAS)$/;

export function cleanEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!CONFIG_VARS.test(k)) env[k] = v;
  return { ...env, ...overrides };
}

export interface SpawnedServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Polls /healthz until it answers with `status` (default 200). */
  waitForHealth(status?: number, timeoutMs?: number): Promise<RawResponse>;
  /** Waits until the output contains `text`. */
  waitForOutput(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** SIGKILL if still running. */
  kill(): void;
}

/** The settings every spawned program gets unless the test says otherwise. */
function baseEnv(port?: number): Record<string, string> {
  return {
    ...(port ? { HOST: '127.0.0.1', PORT: String(port) } : {}),
    CORPUS_DIR,
    CACHE_DIR: path.join(ROOT, '.cache'),
    RATE_LIMIT_PER_MINUTE: '0',
    ANSWER_CACHE_TTL_SECONDS: '0',
  };
}

export interface SpawnOptions {
  /** Node options before the program (e.g. `--import` of a preloaded module). */
  nodeArgs?: string[];
  /** Opens an IPC channel to the process (child.send / 'message'). */
  ipc?: boolean;
}

/** Runs the bundled `bin/start.ts` with only the given settings. */
export async function spawnServer(env: Record<string, string>, options: SpawnOptions = {}): Promise<SpawnedServer> {
  const [port, { server }] = await Promise.all([freePort(), bundles()]);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), server], {
    cwd: ROOT,
    env: cleanEnv({ ...baseEnv(port), ...env }),
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running = () => child.exitCode === null && child.signalCode === null;

  async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe().catch(() => undefined);
      if (value !== undefined) return value;
      if (!running()) throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before ${what}:\n${out}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${out.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => out,
    exited,
    waitForHealth: (status = 200, timeoutMs = 20_000) =>
      until(`/healthz ${status}`, timeoutMs, async () => {
        const res = await rawRequest(port, { path: '/healthz' }, 2_000);
        return res.status === status ? res : undefined;
      }),
    waitForOutput: (text, timeoutMs = 20_000) =>
      until(`output ${String(text)}`, timeoutMs, async () =>
        (typeof text === 'string' ? out.includes(text) : text.test(out)) ? true : undefined,
      ).then(() => undefined),
    kill: () => {
      if (running()) child.kill('SIGKILL');
    },
  };
}

/** Runs the bundled `ingest/cli.ts` (or, with `program`, another bundle) with the given settings. */
export async function spawnIngest(
  env: Record<string, string>,
  args: string[] = [],
  program: keyof Bundles = 'ingest',
): Promise<ChildProcess> {
  const file = (await bundles())[program];
  return spawn(process.execPath, [file, ...args], {
    cwd: ROOT,
    env: cleanEnv({ ...baseEnv(), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function collect(child: ChildProcess): { output(): string; exited: Promise<number | null> } {
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  return { output: () => out, exited };
}

/** Checks the `{ error: { code, message } }` shape and that the message gives nothing away. */
export function errorOf(res: RawResponse): { code: string; message: string } {
  const body = res.json as { error?: { code?: unknown; message?: unknown } } | undefined;
  if (!body?.error || typeof body.error.code !== 'string' || typeof body.error.message !== 'string') {
    throw new Error(`not an error body (status ${res.status}): ${res.text.slice(0, 300)}`);
  }
  return { code: body.error.code, message: body.error.message };
}
