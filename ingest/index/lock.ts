/**
 * @module ingest/index/lock
 * One ingest at a time per index folder. The lock file holds the owner's pid, so a lock left by a killed
 * ingest is recognised as stale and taken over instead of blocking forever.
 */
import { promises as fs } from 'node:fs';
import { AppError } from '../../server/errors.js';
import { lockFile } from './layout.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface IngestLock {
  release(): Promise<void>;
}

/**
 * Takes the lock, waiting up to `waitMs` for a running ingest to finish; then refuses with INGEST_LOCKED.
 */
export async function acquireIngestLock(indexDir: string, waitMs = 0): Promise<IngestLock> {
  const file = lockFile(indexDir);
  await fs.mkdir(indexDir, { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await fs.writeFile(file, String(process.pid), { flag: 'wx' });
      return { release: () => fs.rm(file, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number.parseInt(await fs.readFile(file, 'utf8').catch(() => ''), 10);
    if (!Number.isFinite(owner) || !isAlive(owner)) {
      await fs.rm(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new AppError(
        'INGEST_LOCKED',
        `ingest: another ingest (pid ${owner}) is running on ${indexDir}; wait for it to finish`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
