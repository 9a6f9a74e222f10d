/**
 * @module scripts/bench/profile
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and lists where the time went: self time and inclusive
 * time per function, and self time per source file. The benchmark runs its children with --cpu-prof under
 * `npm run bench -- --profile`; this turns those files into the evidence docs/benchmarks.md quotes.
 *
 *   tsx scripts/bench/profile.ts bench-out/profiles/CPU.*.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  /** Milliseconds sampled in the function itself. */
  selfMs: number;
  /** Milliseconds with the function anywhere on the stack (each sample counted once per function). */
  totalMs: number;
}

export interface ProfileSummary {
  totalMs: number;
  functions: ProfileEntry[];
  files: { file: string; selfMs: number }[];
}

function shortUrl(url: string): string {
  if (!url) return '(native)';
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length);
  const cwd = process.cwd() + path.sep;
  return clean.startsWith(cwd) ? clean.slice(cwd.length) : clean;
}

function keyOf(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  return frame.url ? `${name} ${shortUrl(frame.url)}:${frame.lineNumber + 1}` : name;
}

export function summariseProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const files = new Map<string, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    totalUs += dt;
    const node = byId.get(id);
    if (!node) return;
    const key = keyOf(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + dt);
    const file = shortUrl(node.callFrame.url);
    files.set(file, (files.get(file) ?? 0) + dt);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = keyOf(byId.get(at)!.callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  });
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    totalMs: ms(totalUs),
    functions: [...self.keys()]
      .map((name) => ({ name, selfMs: ms(self.get(name) ?? 0), totalMs: ms(total.get(name) ?? 0) }))
      .sort((a, b) => b.selfMs - a.selfMs),
    files: [...files].map(([file, us]) => ({ file, selfMs: ms(us) })).sort((a, b) => b.selfMs - a.selfMs),
  };
}

export function readProfile(file: string): ProfileSummary {
  return summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
}

/** Inclusive time of the functions whose name matches, for "where does stage X go" questions. */
export function inclusiveOf(summary: ProfileSummary, pattern: RegExp): ProfileEntry[] {
  const all = new Map<string, ProfileEntry>();
  for (const f of summary.functions) all.set(f.name, f);
  return [...all.values()].filter((f) => pattern.test(f.name)).sort((a, b) => b.totalMs - a.totalMs);
}

function main(): void {
  const opts = new Command()
    .argument('<files...>', '.cpuprofile files')
    .option('--top <n>', 'rows per table', '25')
    .option('--grep <regex>', 'also list inclusive time of functions matching this')
    .parse();
  const { top, grep } = opts.opts<{ top: string; grep?: string }>();
  for (const file of opts.args) {
    const s = readProfile(file);
    const out: string[] = [`${file}: ${s.totalMs} ms sampled`, '', 'self ms | total ms | function'];
    for (const f of s.functions.slice(0, Number(top))) out.push(`${f.selfMs} | ${f.totalMs} | ${f.name}`);
    out.push('', 'self ms | file');
    for (const f of s.files.slice(0, Number(top))) out.push(`${f.selfMs} | ${f.file}`);
    if (grep) {
      out.push('', `inclusive ms | function matching /${grep}/`);
      for (const f of inclusiveOf(s, new RegExp(grep)).slice(0, Number(top))) out.push(`${f.totalMs} | ${f.name}`);
    }
    process.stdout.write(`${out.join('\n')}\n\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
