/**
 * @module server/http/redact
 * What must never leave the process: file-system paths in HTTP error messages (they stay in the logs) and
 * configured secrets (the OpenAI key) in response bodies and log lines. Errors from upstream servers are
 * passed on as messages, and some servers echo the caller's key back in them.
 */
import os from 'node:os';
import type { RequestHandler } from 'express';
import type { Config } from '../config.js';

/** Shorter "keys" are placeholders for key-less local servers; masking them would garble ordinary text. */
const MIN_SECRET_LENGTH = 8;

/** The values to keep out of responses and logs for this config (none when no real key is configured). */
export function secretsOf(config: Config): string[] {
  const key = config.openai.apiKey;
  return key && key.length >= MIN_SECRET_LENGTH ? [key] : [];
}

/** Same-length mask, so a Content-Length computed before masking stays right. */
function mask(secret: string): string {
  return '*'.repeat(secret.length);
}

/** Replaces every occurrence of each secret in a string with asterisks of the same length. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(mask(s));
  return out;
}

// Absolute POSIX paths of two or more segments ("/work/main/.index", "/tmp/x/units.json") and Windows drive
// paths. A URL path such as /api/documents/x also matches; it is shown as "[path]", which hides nothing
// the client did not send itself.
const POSIX_PATH = /(?<![\w.:/])\/(?:[\w.@+~-]+\/)+[\w.@+~-]*/g;
const WINDOWS_PATH = /\b[a-z]:\\(?:[^\\\s"'`]+\\)*[^\\\s"'`]*/gi;

/** Replaces the given directories (and the temp, home and working folders) with "[path]". */
export function stripKnownDirs(message: string, knownDirs: readonly string[] = []): string {
  let out = message;
  const dirs = [...knownDirs, os.tmpdir(), os.homedir(), process.cwd()].filter((d) => d.length > 1);
  // Longest first, so a project folder is replaced before its parent.
  for (const d of dirs.sort((a, b) => b.length - a.length)) if (out.includes(d)) out = out.split(d).join('[path]');
  return out;
}

/** As stripKnownDirs, and anything else that looks like an absolute file path becomes "[path]" too. */
export function stripPaths(message: string, knownDirs: readonly string[] = []): string {
  return stripKnownDirs(message, knownDirs).replace(POSIX_PATH, '[path]').replace(WINDOWS_PATH, '[path]');
}

/** The directories of this config, for stripPaths. */
export function configDirs(config: Config): string[] {
  return [config.indexDir, config.corpusDir, config.cacheDir, config.rootDir];
}

/**
 * Masks secrets in everything written to the response, JSON and event streams alike. The last line of
 * defence: the LLM fallback notice quotes upstream error messages, and a compatible server may put the key
 * in one. Bodies keep their length, so headers already sent stay valid.
 */
export function maskSecretsInResponses(secrets: readonly string[]): RequestHandler {
  if (secrets.length === 0) return (_req, _res, next) => next();
  const needles = secrets.map((s) => ({ text: s, bytes: Buffer.from(s), masked: Buffer.from(mask(s)) }));
  const scrub = (chunk: unknown): unknown => {
    if (typeof chunk === 'string') return maskSecrets(chunk, secrets);
    if (Buffer.isBuffer(chunk) && needles.some((n) => chunk.includes(n.bytes))) {
      const buf: Buffer = Buffer.from(chunk);
      for (const n of needles) {
        for (let at = buf.indexOf(n.bytes); at !== -1; at = buf.indexOf(n.bytes, at + n.bytes.length)) {
          n.masked.copy(buf, at);
        }
      }
      return buf;
    }
    return chunk;
  };
  return (_req, res, next) => {
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    res.write = ((chunk: unknown, ...rest: unknown[]) => write(scrub(chunk), ...rest)) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) =>
      typeof chunk === 'function' || chunk === undefined
        ? end(chunk, ...rest)
        : end(scrub(chunk), ...rest)) as typeof res.end;
    next();
  };
}
