/**
 * @module server/http/redact
 * What must never leave the process: file-system paths in HTTP error messages (they stay in the logs) and
 * configured secrets (the OpenAI key) in response bodies and log lines. Errors from upstream servers are
 * passed on as messages, and some servers echo the caller's key back in them.
 */
import os from 'node:os';
import type { RequestHandler } from 'express';
import type { Config } from '../../core/config.js';

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

/** A held-back tail this long or longer that is still unresolved at the end is masked too. */
const MIN_PARTIAL_SECRET = 4;

/**
 * Masks secrets in text that arrives in pieces, such as streamed tokens: a secret split across pieces
 * ("sk-te" + "st-se" + "cret") is masked as surely as a whole one. Whatever a piece ends with that could
 * begin a secret is held back until the next piece shows whether it does. Text that cannot begin a secret
 * passes straight through, so ordinary answers are not delayed.
 */
export interface StreamMasker {
  /** The masked text that is safe to send now. */
  push(text: string): string;
  /** The held-back tail at the end of the stream, masked when it is a sizeable part of a secret. */
  flush(): string;
  /** Forgets the held-back tail (the client was told to discard what it received). */
  reset(): void;
}

/** The length of the longest end of `text` that is the start, but not the whole, of a secret. */
function partialSecretAtEnd(text: string, secrets: readonly string[]): number {
  let longest = 0;
  for (const s of secrets) {
    for (let at = Math.max(0, text.length - s.length + 1); at < text.length; at++) {
      if (text.length - at <= longest) break;
      if (text.charCodeAt(at) === s.charCodeAt(0) && s.startsWith(text.slice(at))) {
        longest = text.length - at;
        break;
      }
    }
  }
  return longest;
}

export function streamMasker(secrets: readonly string[]): StreamMasker {
  let held = '';
  return {
    push(text) {
      if (secrets.length === 0) return text;
      const masked = maskSecrets(held + text, secrets);
      const keep = partialSecretAtEnd(masked, secrets);
      held = masked.slice(masked.length - keep);
      return masked.slice(0, masked.length - keep);
    },
    flush() {
      const tail = held.length >= MIN_PARTIAL_SECRET ? '*'.repeat(held.length) : held;
      held = '';
      return tail;
    },
    reset() {
      held = '';
    },
  };
}

/**
 * Masks secrets in everything written to the response, JSON and event streams alike, across writes: a
 * secret split over two `write` calls is masked too (bytes are handled as latin1 text, one character a
 * byte, so a UTF-8 character cut between writes survives). The last line of defence: upstream text can
 * reach a reply, and a compatible server may put the key in it. Bodies keep their length, so headers
 * already sent stay valid.
 */
export function maskSecretsInResponses(secrets: readonly string[]): RequestHandler {
  if (secrets.length === 0) return (_req, _res, next) => next();
  const byteSecrets = secrets.map((s) => Buffer.from(s, 'utf8').toString('latin1'));
  const toBytes = (chunk: unknown, encoding: unknown): Buffer | null => {
    if (Buffer.isBuffer(chunk)) return chunk;
    if (chunk instanceof Uint8Array) return Buffer.from(chunk);
    if (typeof chunk === 'string')
      return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    return null;
  };
  return (_req, res, next) => {
    const masker = streamMasker(byteSecrets);
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    const callbackOf = (args: unknown[]) => args.find((a) => typeof a === 'function');
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      const bytes = toBytes(chunk, rest[0]);
      if (!bytes) return write(chunk, ...rest);
      const out = Buffer.from(masker.push(bytes.toString('latin1')), 'latin1');
      const callback = callbackOf(rest);
      return callback ? write(out, callback) : write(out);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      const all = [chunk, ...rest];
      const bytes = typeof chunk === 'function' ? null : toBytes(chunk, rest[0]);
      const text = masker.push(bytes ? bytes.toString('latin1') : '') + masker.flush();
      const callback = callbackOf(all);
      const out = Buffer.from(text, 'latin1');
      return callback ? end(out, callback) : end(out);
    }) as typeof res.end;
    next();
  };
}
