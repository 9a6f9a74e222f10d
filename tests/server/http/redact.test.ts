/**
 * @module tests/server/http/redact
 * Paths out of client messages, and secrets out of bodies and logs.
 */
import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  maskSecrets,
  maskSecretsInResponses,
  secretsOf,
  streamMasker,
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

describe('streamMasker', () => {
  const KEY = 'sk-0123456789';

  it('masks a key split into pieces of any size, and holds back only what could begin it', () => {
    const masker = streamMasker([KEY]);
    const out = ['key: sk-01', '234', '56789 done', ' and s', 'k-', '0123456789'].map((p) => masker.push(p));
    expect(out).toEqual(['key: ', '', '************* done', ' and ', '', '*************']);
    expect(masker.flush()).toBe('');
    expect(streamMasker([KEY]).push('ordinary text. [1]')).toBe('ordinary text. [1]');
  });

  it('masks a sizeable start of the key left at the end, and forgets what a reset discards', () => {
    const masker = streamMasker([KEY]);
    expect(masker.push('cut: sk-0123')).toBe('cut: ');
    expect(masker.flush()).toBe('*******');
    masker.push('sk-01');
    masker.reset();
    expect(masker.push('23456789')).toBe('23456789');
  });

  it('joins to the whole text masked, however the text is cut (property)', () => {
    const secrets = [KEY, 'sk-abcdefgh'];
    const text = fc
      .array(fc.oneof(fc.constantFrom(...secrets, 'sk-', 'sk-0', ' '), fc.string({ maxLength: 8 })), { maxLength: 12 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 8 }), (whole, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...points, whole.length]
          .slice(1)
          .map((end, i, ends) => whole.slice(i ? ends[i - 1] : 0, end));
        const masker = streamMasker(secrets);
        const joined = pieces.map((p) => masker.push(p)).join('') + masker.flush();
        expect(joined).not.toContain(KEY);
        expect(joined).not.toContain('sk-abcdefgh');
        expect(joined.length).toBe(whole.length);
        // Apart from a start of a key left dangling at the very end (up to the longest key), exactly what masking
        // the whole gives.
        const expected = maskSecrets(whole, secrets);
        const tail = Math.max(...secrets.map((s) => s.length));
        expect(joined.slice(0, Math.max(0, joined.length - tail))).toBe(
          expected.slice(0, Math.max(0, expected.length - tail)),
        );
      }),
    );
  });

  it('masks across writes of a response, bytes and strings alike', () => {
    const written: Buffer[] = [];
    const res = Object.assign(new EventEmitter(), {
      write: (chunk: Buffer | string) => written.push(Buffer.from(chunk)) > 0,
      end: (chunk?: Buffer | string) => {
        if (chunk !== undefined) written.push(Buffer.from(chunk));
        return res;
      },
    });
    maskSecretsInResponses([KEY])({} as Request, res as unknown as Response, () => {});
    res.write('data: {"text":"sk-01');
    res.write(Buffer.from('23456789"}\n\n'));
    res.end('é sk-012');
    expect(Buffer.concat(written).toString('utf8')).toBe('data: {"text":"*************"}\n\né ******');
  });
});
