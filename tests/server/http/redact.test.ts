/**
 * @module tests/server/http/redact
 * Paths out of client messages, and secrets out of bodies and logs.
 */
import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import {
  maskSecrets,
  maskSecretsInResponses,
  secretsOf,
  stripKnownDirs,
  stripPaths,
} from '../../../server/http/redact.js';
import { testConfig } from '../../support/test-index.js';

describe('stripPaths', () => {
  it('hides absolute POSIX and Windows paths and known folders', () => {
    expect(stripPaths('index: no index in /srv/app/.index; run it')).toBe('index: no index in [path]; run it');
    expect(stripPaths('ENOENT: open /var/lib/x/units.json')).toBe('ENOENT: open [path]');
    expect(stripPaths('failed at C:\\Users\\me\\app\\units.json here')).toBe('failed at [path] here');
    expect(stripKnownDirs('in /opt/proj/corpus/a.txt', ['/opt/proj'])).toBe('in [path]/corpus/a.txt');
  });

  it('leaves URLs, ids and ordinary words alone', () => {
    const text = 'embeddings: model at http://127.0.0.1:4000/v1 failed: prague-1997:rec-18 and/or 1/2';
    expect(stripPaths(text)).toBe(text);
  });
});

describe('secrets', () => {
  it('are the configured key only when it is long enough to be one', () => {
    expect(secretsOf(testConfig({}, { OPENAI_API_KEY: 'sk-0123456789' }))).toEqual(['sk-0123456789']);
    expect(secretsOf(testConfig({}, { OPENAI_API_KEY: 'x' }))).toEqual([]);
    expect(secretsOf(testConfig())).toEqual([]);
  });

  it('are masked with a mask of the same length', () => {
    const masked = maskSecrets('key sk-0123456789 and again sk-0123456789.', ['sk-0123456789']);
    expect(masked).toBe('key ************* and again *************.');
  });

  it('are masked in everything written to a response, strings and buffers, keeping the length', () => {
    const written: unknown[] = [];
    const res = Object.assign(new EventEmitter(), {
      write: (chunk: unknown) => written.push(chunk) > 0,
      end: (chunk?: unknown) => {
        if (chunk !== undefined) written.push(chunk);
        return res;
      },
    });
    maskSecretsInResponses(['sk-0123456789'])({} as Request, res as unknown as Response, () => {});
    const sent = [
      'a sk-0123456789 b',
      Buffer.from('{"notice":"sk-0123456789 sk-0123456789"}'),
      Buffer.from('tail sk-0123456789'),
    ];
    res.write(sent[0]);
    res.write(sent[1]);
    res.end(sent[2]);
    const text = written.map((c) => String(c)).join('|');
    expect(text).not.toContain('sk-0123456789');
    expect(text).toContain('a ************* b');
    const length = (c: unknown) => (typeof c === 'string' ? c.length : (c as Buffer).length);
    expect(written.map(length)).toEqual(sent.map(length));
  });
});
