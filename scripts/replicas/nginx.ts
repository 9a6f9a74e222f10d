/**
 * @module scripts/replicas/nginx
 * Debian's nginx in front of the replicas, run as a foreground process with its own prefix, configuration,
 * pid and temp paths in the run folder (`nginx -p RUN -c nginx.conf -e stderr`): the system's configuration is
 * never read. A new upstream list is put in service by rewriting the file and SIGHUP (nginx's reload): new
 * workers take new requests at once, the old ones finish what they have in flight and exit.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { requireBinary } from './binaries.js';
import { startChild, waitFor, type Child } from './child.js';
import { nginxConfig } from './templates.js';

export interface Nginx {
  url: string;
  child: Child;
  /** Puts `upstreams` in service; resolves once new workers run, with a promise of the old ones' exit. */
  reload(upstreams: number[]): Promise<{ oldWorkersGone: Promise<void> }>;
  stop(): Promise<void>;
}

export interface NginxOptions {
  runDir: string;
  host: string;
  port: number;
  upstreams: number[];
  onLine?: (line: string) => void;
}

/** Pids of the processes whose parent is `pid` (nginx's workers), from /proc. */
export function childPids(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) found.push(Number(entry));
    } catch {
      // gone while listing
    }
  }
  return found;
}

/** The user nginx's workers run as when it is started as root (a master as root must not serve as root). */
function workerUser(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const groups = readFileSync('/etc/group', 'utf8');
  return /^nogroup:/m.test(groups) ? 'nobody nogroup' : 'nobody';
}

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.setTimeout(1_000, () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
    socket.once('connect', () => (socket.destroy(), resolve(true)));
  });
}

export async function startNginx(options: NginxOptions): Promise<Nginx> {
  const binary = requireBinary('nginx');
  const file = path.join(options.runDir, 'nginx.conf');
  const args = ['-p', options.runDir, '-c', file, '-e', 'stderr'];
  // Workers (as nobody, when started as root) create and use the temp paths under the run folder.
  chmodSync(options.runDir, 0o755);
  const write = (upstreams: number[]) => {
    writeFileSync(
      file,
      nginxConfig({
        runDir: options.runDir,
        listen: `${options.host}:${options.port}`,
        upstreams,
        workerUser: workerUser(),
      }),
    );
    const test = spawnSync(binary, ['-t', '-q', ...args], { encoding: 'utf8' });
    if (test.status !== 0) throw new Error(`replicas: nginx refuses ${file}:\n${test.stderr}`);
  };
  write(options.upstreams);
  const child = startChild({ name: 'nginx', command: binary, args, onLine: options.onLine });
  await waitFor(child, `listening on ${options.host}:${options.port}`, 10_000, async () =>
    (await portOpen(options.host, options.port)) && childPids(child.pid).length > 0 ? true : undefined,
  );
  return {
    url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${options.port}`,
    child,
    async reload(upstreams) {
      write(upstreams);
      const before = new Set(childPids(child.pid));
      process.kill(child.pid, 'SIGHUP');
      await waitFor(child, 'new workers after reload', 10_000, () =>
        Promise.resolve(childPids(child.pid).some((pid) => !before.has(pid)) ? true : undefined),
      );
      const oldWorkersGone = waitFor(child, 'old workers to finish', 10 * 60_000, () =>
        Promise.resolve(childPids(child.pid).some((pid) => before.has(pid)) ? undefined : true),
      ).then(() => undefined);
      return { oldWorkersGone };
    },
    // SIGQUIT: stop accepting, finish what is in flight, exit.
    stop: () => child.stop('SIGQUIT', 5_000),
  };
}
