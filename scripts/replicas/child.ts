/**
 * @module scripts/replicas/child
 * One process the orchestrator runs (redis-server, a replica, nginx): its output passed on line by line under
 * a name, its exit awaited, and a stop that asks first (a signal) and insists after a grace period (SIGKILL).
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Receives each line the process prints (stdout and stderr), prefixed with its name. */
  onLine?: (line: string) => void;
}

export interface Child {
  readonly name: string;
  readonly pid: number;
  readonly process: ChildProcess;
  /** Resolves with the exit code, or the signal that ended it. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
  running(): boolean;
  /** The last lines it printed (for error messages). */
  tail(): string;
  /** Sends `signal` (default SIGTERM); SIGKILL if still running after `graceMs`. Resolves once it has exited. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

const TAIL_LINES = 40;

export function startChild(options: ChildOptions): Child {
  const child = spawn(options.command, options.args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`replicas: could not start ${options.name} (${options.command})`);
  const lines: string[] = [];
  const take = (stream: NodeJS.ReadableStream | null) => {
    let partial = '';
    stream?.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > TAIL_LINES) lines.shift();
        options.onLine?.(`[${options.name}] ${line}`);
      }
    });
  };
  take(child.stdout);
  take(child.stderr);
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
    child.once('error', () => resolve(null));
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    name: options.name,
    pid: child.pid,
    process: child,
    exited,
    running,
    tail: () => lines.join('\n'),
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (!running()) return;
      child.kill(signal);
      const timer = setTimeout(() => {
        if (running()) child.kill('SIGKILL');
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `probe` until it returns a value, the child exits, or `timeoutMs` passes (then throws with its output). */
export async function waitFor<T>(
  child: Child,
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (!child.running()) throw new Error(`replicas: ${child.name} exited before ${what}:\n${child.tail()}`);
    if (Date.now() > deadline)
      throw new Error(`replicas: timed out waiting for ${child.name}: ${what}:\n${child.tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
