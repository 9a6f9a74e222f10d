/**
 * @module scripts/bench/child
 * Entry point of the benchmark's measurement processes: `child.ts <task> <json input>`, forked by
 * proc.ts#runTask with an IPC channel; sends back `{ ok, value | error }` and exits. Tasks are imported on
 * demand so that a process measuring memory loads only what its task needs.
 */

type Task = (input: never) => Promise<unknown>;

async function taskNamed(name: string): Promise<Task> {
  switch (name) {
    case 'ingest':
      return (await import('./ingest.js')).ingestTask as Task;
    case 'scale-serve':
      return (await import('./scale.js')).scaleServeTask as Task;
    default:
      throw new Error(`bench child: unknown task "${name}"`);
  }
}

async function main(): Promise<void> {
  const [name = '', input = '{}'] = process.argv.slice(2);
  const send = (message: unknown) =>
    new Promise<void>((resolve) => {
      if (process.send) process.send(message, () => resolve());
      else {
        process.stdout.write(`${JSON.stringify(message)}\n`);
        resolve();
      }
    });
  try {
    const task = await taskNamed(name);
    const value = await task(JSON.parse(input) as never);
    await send({ ok: true, value });
    process.exit(0);
  } catch (err) {
    await send({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    process.exit(1);
  }
}

void main();
