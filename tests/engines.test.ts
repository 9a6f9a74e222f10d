import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// npm prints EBADENGINE for every installed package whose `engines.node` excludes the running Node; the
// README promises Node 20 (20.19 on, the floor of eslint 10 and typescript-eslint), so nothing locked may
// want a later one: pin or override it in package.json.
const root = new URL('../', import.meta.url);
const project = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }>;
};

const oldestNode = semver.minVersion(project.engines.node)!.version;
const wanted = Object.entries(lock.packages)
  .filter(([path, p]) => path !== '' && !p.optional && p.engines && !Array.isArray(p.engines) && p.engines.node)
  .map(
    ([path, p]) => [path.replace(/^.*node_modules\//, ''), p.version, (p.engines as { node: string }).node] as const,
  );

describe('the engines of what installs', () => {
  it('reads the lock file', () => {
    expect(wanted.length).toBeGreaterThan(50);
  });

  it(`accept the oldest Node the project supports (${oldestNode})`, () => {
    expect(oldestNode.startsWith('20.')).toBe(true);
    const refused = wanted.filter(([, , range]) => !semver.satisfies(oldestNode, range));
    expect(refused.map(([name, version, range]) => `${name}@${version} wants node ${range}`)).toEqual([]);
  });
});
