/**
 * @module scripts/replicas/control
 * How `npm run replicas:update` reaches the running `npm run start:replicas`: the orchestrator listens on a
 * loopback port of its own (POST /roll puts the index build now in INDEX_DIR in service and answers with the
 * report; GET /status says what is in service) and writes that address to a run file under CACHE_DIR.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import type { Fleet, RollReport } from './fleet.js';

export interface RunFile {
  pid: number;
  /** The orchestrator's control address. */
  control: string;
  /** nginx: where clients go. */
  url: string;
}

export function runFilePath(cacheDir: string): string {
  return path.join(cacheDir, 'replicas', 'control.json');
}

export interface Status {
  url: string;
  indexBuild: string;
  replicas: number[];
  redis: string;
}

export async function serveControl(fleet: Fleet, runFile: string): Promise<{ close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && req.url === '/roll') {
      fleet.roll().then(
        (report) => send(200, report),
        (err: unknown) => send(500, { error: err instanceof Error ? err.message : String(err) }),
      );
      return;
    }
    if (req.method === 'GET' && req.url === '/status') {
      const status: Status = {
        url: fleet.url,
        indexBuild: fleet.indexBuild(),
        replicas: fleet.replicas().map((r) => r.port),
        redis: fleet.redisUrl,
      };
      send(200, status);
      return;
    }
    send(404, { error: `replicas control: no ${req.method} ${req.url}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  mkdirSync(path.dirname(runFile), { recursive: true });
  const run: RunFile = { pid: process.pid, control: `http://127.0.0.1:${port}`, url: fleet.url };
  writeFileSync(runFile, JSON.stringify(run, null, 2));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        rmSync(runFile, { force: true });
        server.close(() => resolve());
      }),
  };
}

/** Asks the running orchestrator to roll onto the index build now in INDEX_DIR; resolves when it has. */
export async function requestRoll(runFile: string): Promise<RollReport> {
  let run: RunFile;
  try {
    run = JSON.parse(readFileSync(runFile, 'utf8')) as RunFile;
  } catch {
    throw new Error(`replicas: no running \`npm run start:replicas\` found (${runFile} is missing)`);
  }
  const res = await fetch(`${run.control}/roll`, { method: 'POST' }).catch((err: unknown) => {
    throw new Error(`replicas: the orchestrator at ${run.control} (pid ${run.pid}) does not answer: ${String(err)}`);
  });
  const body = (await res.json()) as RollReport | { error: string };
  if ('error' in body) throw new Error(`replicas: the roll failed; the previous replicas still serve: ${body.error}`);
  return body;
}
