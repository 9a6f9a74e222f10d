/**
 * @module scripts/replicas/redis-server
 * A private redis-server for the replicas: deploy/redis.conf.template rendered into the run folder, bound to
 * 127.0.0.1 on the given port, ready once it answers PING.
 */
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { requireBinary } from './binaries.js';
import { startChild, waitFor, type Child } from './child.js';
import { redisConfig } from './templates.js';

export interface RedisServer {
  url: string;
  port: number;
  child: Child;
  stop(): Promise<void>;
}

/** Whether a Redis answers PING on 127.0.0.1:port. */
export function pingRedis(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data: Buffer) => done(data.toString('utf8').startsWith('+PONG')));
  });
}

export async function startRedisServer(options: {
  port: number;
  runDir: string;
  onLine?: (line: string) => void;
}): Promise<RedisServer> {
  const file = path.join(options.runDir, 'redis.conf');
  writeFileSync(file, redisConfig({ runDir: options.runDir, port: options.port }));
  const child = startChild({
    name: 'redis',
    command: requireBinary('redis-server'),
    args: [file],
    onLine: options.onLine,
  });
  await waitFor(child, `PING on port ${options.port}`, 10_000, async () =>
    (await pingRedis(options.port)) ? true : undefined,
  );
  return {
    url: `redis://127.0.0.1:${options.port}`,
    port: options.port,
    child,
    stop: () => child.stop('SIGTERM', 5_000),
  };
}
