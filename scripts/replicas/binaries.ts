/**
 * @module scripts/replicas/binaries
 * Debian's redis-server and nginx, wherever they are: nginx lives in /usr/sbin, which is not on every user's
 * PATH. `.ci/run` installs both when missing.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const SYSTEM_DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin', '/sbin', '/bin'];

/** The executable's path, or null when it is not installed. */
export function findBinary(name: 'redis-server' | 'nginx'): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SYSTEM_DIRS];
  for (const dir of dirs) {
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

export function requireBinary(name: 'redis-server' | 'nginx'): string {
  const found = findBinary(name);
  if (!found) {
    throw new Error(
      `replicas: ${name} is not installed; install Debian's package: apt-get install -y --no-install-recommends ${name === 'nginx' ? 'nginx' : 'redis-server'}`,
    );
  }
  return found;
}
