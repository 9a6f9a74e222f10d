/**
 * @module tests/server/http/body
 * The body checks that protect JSON.parse: the nesting scan, the prototype-key walk (which must not
 * recurse), and decoding, all on the one string the parser reads.
 */
import { describe, expect, it } from 'vitest';
import { forbiddenKey, jsonDepth, MAX_DEPTH, parseJsonBytes } from '../../../server/http/body.js';

describe('jsonDepth', () => {
  it('counts objects and arrays, not brackets inside strings', () => {
    expect(jsonDepth('{"a":1}')).toBe(1);
    expect(jsonDepth('{"a":[{"b":[]}]}')).toBe(4);
    expect(jsonDepth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(jsonDepth('{"a":"\\"[[[["}')).toBe(1);
    expect(jsonDepth('"x"')).toBe(0);
  });

  it('stops early past the limit', () => {
    expect(jsonDepth('['.repeat(100_000), MAX_DEPTH)).toBe(MAX_DEPTH + 1);
  });

  it('reads characters, not bytes: a character whose UTF-16 bytes hold a quote does not hide the nesting', () => {
    // In UTF-16LE "Ģ" (U+0122) is the bytes 22 01: a byte scanner took it for a quote and lost count.
    expect(jsonDepth(`{"a":"\u0122","b":${'['.repeat(100)}${']'.repeat(100)}}`, MAX_DEPTH)).toBe(MAX_DEPTH + 1);
  });
});

describe('forbiddenKey', () => {
  it('finds __proto__, constructor and prototype at any depth', () => {
    expect(forbiddenKey(JSON.parse('{"a":{"b":[{"__proto__":1}]}}'))).toBe('__proto__');
    expect(forbiddenKey(JSON.parse('{"constructor":{"prototype":{}}}'))).toBe('constructor');
    expect(forbiddenKey({ a: [1, 'x', null, { b: {} }] })).toBeNull();
  });

  it('walks 100,000 levels without a stack overflow (it does not recurse)', () => {
    let deep: unknown = { __proto__x: 1 };
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(forbiddenKey(deep)).toBeNull();
    let poisoned: unknown = JSON.parse('{"prototype":1}');
    for (let i = 0; i < 100_000; i++) poisoned = { a: poisoned };
    expect(forbiddenKey(poisoned)).toBe('prototype');
  });
});

describe('parseJsonBytes', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  const codeOf = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return (err as { code?: string; message: string }).message;
    }
    return 'no error';
  };

  it('parses UTF-8 JSON objects, a byte-order mark included, and reads an empty body as {}', () => {
    expect(parseJsonBytes(bytes('{"query":"carriers"}'))).toEqual({ query: 'carriers' });
    expect(parseJsonBytes(bytes('\uFEFF{"q":1}'))).toEqual({ q: 1 });
    expect(parseJsonBytes(bytes('  '))).toEqual({});
  });

  it.each([
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]), /not valid UTF-8/],
    ['a bare string', bytes('"carriers"'), /must be a JSON object/],
    ['null', bytes('null'), /must be a JSON object/],
    ['17 levels', bytes('['.repeat(17) + ']'.repeat(17)), /nested deeper than 16/],
    ['truncated JSON', bytes('{"a":'), /not valid JSON/],
    ['a nested __proto__', bytes('{"a":{"__proto__":{}}}'), /"__proto__" is not allowed/],
  ])('refuses %s', (_what, input, message) => {
    expect(codeOf(() => parseJsonBytes(input))).toMatch(message);
  });
});
