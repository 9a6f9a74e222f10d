/**
 * @module ingest/index/lock
 * One ingest at a time per index folder. The lock file names its owner (pid, host, a random token) and is
 * touched every few seconds while held, so a lock left by a killed ingest is recognised as stale — its
 * process is gone, or it has not been touched for LOCK_STALE_MS (a reused pid, another host) — and taken
 * over instead of blocking forever.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs, readFileSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import { AppError } from '../../core/errors.js';
import { lockFile } from '../../core/index/layout.js';

/** A lock untouched for this long is abandoned, whatever its pid says. */
export const LOCK_STALE_MS = 120_000;
const HEARTBEAT_MS = 10_000;
const RETRY_MS = 100;

interface LockInfo {
  pid: number;
  host: string;
  token: string;
  since: string;
}

export interface IngestLock {
  release(): Promise<void>;
}

export interface LockOptions {
  /** Overrides LOCK_STALE_MS (tests). */
  staleMs?: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock's owner, or null for a file that is not a lock we understand (an older bare pid is accepted). */
function parseLock(text: string): Pick<LockInfo, 'pid' | 'host' | 'token'> | null {
  try {
    const info = JSON.parse(text) as Partial<LockInfo>;
    if (typeof info.pid === 'number' && typeof info.token === 'string') {
      return { pid: info.pid, host: typeof info.host === 'string' ? info.host : os.hostname(), token: info.token };
    }
  } catch {
    // not JSON: maybe a bare pid
  }
  const pid = Number.parseInt(text, 10);
  return Number.isFinite(pid) && pid > 0 ? { pid, host: os.hostname(), token: text } : null;
}

/**
 * Creates the lock file with its content in one step: written under a private name, then hard-linked into
 * place (which fails if a lock exists). A reader never sees an empty lock, so it never mistakes a lock
 * being created for a stale one. Falls back to an exclusive create where links are not supported.
 */
async function publish(file: string, content: string): Promise<boolean> {
  const tmp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  await fs.writeFile(tmp, content);
  try {
    await fs.link(tmp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw err;
    try {
      await fs.writeFile(file, content, { flag: 'wx' });
      return true;
    } catch (err2) {
      if ((err2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err2;
    }
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/** Whether the lock as read (`text`, last touched at `mtimeMs`) is abandoned. */
function isStale(text: string, mtimeMs: number, staleMs: number): boolean {
  const age = Date.now() - mtimeMs;
  const owner = parseLock(text);
  if (!owner) return age > 2_000; // unreadable: give a writer using the fallback a moment
  if (age > staleMs) return true;
  return owner.host === os.hostname() && !isAlive(owner.pid);
}

/**
 * Takes the lock, waiting up to `waitMs` for a running ingest to finish; then refuses with INGEST_LOCKED.
 */
export async function acquireIngestLock(indexDir: string, waitMs = 0, options: LockOptions = {}): Promise<IngestLock> {
  const file = lockFile(indexDir);
  const staleMs = options.staleMs ?? LOCK_STALE_MS;
  await fs.mkdir(indexDir, { recursive: true });
  const token = randomUUID();
  const content = JSON.stringify({ pid: process.pid, host: os.hostname(), token, since: new Date().toISOString() });
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (await publish(file, content)) return hold(file, token);
    let text: string;
    let mtimeMs: number;
    try {
      [text, mtimeMs] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file).then((s) => s.mtimeMs)]);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile: try again
      throw err;
    }
    if (isStale(text, mtimeMs, staleMs)) {
      // Removed only if it is still the lock judged stale: another process may have taken over already.
      if ((await fs.readFile(file, 'utf8').catch(() => null)) === text) await fs.rm(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      const owner = parseLock(text);
      throw new AppError(
        'INGEST_LOCKED',
        `ingest: another ingest (pid ${owner?.pid ?? '?'}) is running on ${indexDir}; wait for it to finish (or pass --wait <seconds>)`,
      );
    }
    await new Promise((r) => setTimeout(r, RETRY_MS));
  }
}

function hold(file: string, token: string): IngestLock {
  const mine = () => {
    try {
      return parseLock(readFileSync(file, 'utf8'))?.token === token;
    } catch {
      return false;
    }
  };
  const heartbeat = setInterval(() => {
    const now = new Date();
    fs.utimes(file, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  // A process that exits (not killed) mid-ingest leaves no lock behind.
  const onExit = () => {
    if (mine()) unlinkSync(file);
  };
  process.once('exit', onExit);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      process.off('exit', onExit);
      if (mine()) await fs.rm(file, { force: true });
    },
  };
}
