/**
 * @module scripts/shared/main
 * Runs a command-line function `(argv, io) → exit code` as a process: output on stdout/stderr, the exit code
 * it returns, 2 (with the stack) when it throws.
 */
export interface ProcessIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export function runMain(cli: (argv: readonly string[], io: ProcessIO) => Promise<number>): void {
  cli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
