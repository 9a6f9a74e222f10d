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

describe('BRIDGES and GLOSSARY (ablations of the rewording sources)', () => {
  it.each([
    [{}, { bridges: 'both', glossary: true }],
    [
      { BRIDGES: 'none', GLOSSARY: 'off' },
      { bridges: 'none', glossary: false },
    ],
    [{ BRIDGES: 'wordnet' }, { bridges: 'wordnet', glossary: true }],
    [
      { BRIDGES: 'vectors', GLOSSARY: 'on' },
      { bridges: 'vectors', glossary: true },
    ],
  ])('%o → %o', (env, expected) => {
    expect(loadConfig(env).wording).toEqual(expected);
  });

  it.each([{ BRIDGES: 'all' }, { GLOSSARY: 'pruned' }])('refuses %o', (env) => {
    expect(() => loadConfig(env)).toThrow(/config: invalid environment: (BRIDGES|GLOSSARY)/);
  });
});
