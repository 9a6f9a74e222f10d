/**
 * @module tests/server/config
 * PUBLIC_URL: absent by default (citations carry relative urls only), trailing slashes dropped, and anything
 * that is not an http(s) address refused naming the variable.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';

describe('PUBLIC_URL', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['https://assistant.example.org', 'https://assistant.example.org'],
    ['https://assistant.example.org/', 'https://assistant.example.org'],
    ['http://127.0.0.1:3000/bp//', 'http://127.0.0.1:3000/bp'],
  ])('%s → %s', (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { PUBLIC_URL: value }).publicUrl).toBe(expected);
  });

  it.each(['assistant.example.org', 'ftp://example.org', '/relative'])('refuses %s', (value) => {
    expect(() => loadConfig({ PUBLIC_URL: value })).toThrow(
      /config: invalid environment: PUBLIC_URL: must be an http\(s\) URL/,
    );
  });
});

describe('BRIDGES, KNOWN_BRIDGES and GLOSSARY (ablations of the rewording sources)', () => {
  it.each([
    [{}, { bridges: 'both', knownWords: true, glossary: true }],
    [
      { BRIDGES: 'none', GLOSSARY: 'off' },
      { bridges: 'none', knownWords: true, glossary: false },
    ],
    [{ BRIDGES: 'wordnet' }, { bridges: 'wordnet', knownWords: true, glossary: true }],
    [
      { BRIDGES: 'vectors', GLOSSARY: 'on' },
      { bridges: 'vectors', knownWords: true, glossary: true },
    ],
    [{ KNOWN_BRIDGES: 'off' }, { bridges: 'both', knownWords: false, glossary: true }],
  ])('%o → %o', (env, expected) => {
    expect(loadConfig(env).wording).toEqual(expected);
  });

  it.each([{ BRIDGES: 'all' }, { GLOSSARY: 'pruned' }, { KNOWN_BRIDGES: 'some' }])('refuses %o', (env) => {
    expect(() => loadConfig(env)).toThrow(/config: invalid environment: (BRIDGES|GLOSSARY|KNOWN_BRIDGES)/);
  });
});
