// Splits fresh-questions.jsonl once, at random, into train/test halves.
// Stratified by `kind`, seeded shuffle (seed 20261204). Re-running gives the same split:
// any existing `split` field is ignored and rewritten.
//
// Usage: node tests/eval/split-fresh.mjs [path/to/fresh-questions.jsonl]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SEED = 20261204;
const file = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'fresh-questions.jsonl');

// mulberry32: small deterministic PRNG
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => {
    const r = JSON.parse(l);
    delete r.split;
    return r;
  });

const byKind = new Map();
for (const r of rows) {
  if (!byKind.has(r.kind)) byKind.set(r.kind, []);
  byKind.get(r.kind).push(r.id);
}

const rand = mulberry32(SEED);
const split = new Map();
let oddCount = 0;
for (const kind of [...byKind.keys()].sort()) {
  const list = [...byKind.get(kind)].sort();
  // Fisher-Yates shuffle
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  let nTrain = Math.floor(list.length / 2);
  if (list.length % 2 === 1) {
    // alternate the odd item between train and test across kinds to keep halves balanced
    if (oddCount % 2 === 0) nTrain += 1;
    oddCount += 1;
  }
  list.forEach((id, i) => split.set(id, i < nTrain ? 'train' : 'test'));
}

const out = rows.map((r) => JSON.stringify({ ...r, split: split.get(r.id) })).join('\n') + '\n';
writeFileSync(file, out);

const counts = {};
for (const r of rows) {
  const k = `${r.kind}/${split.get(r.id)}`;
  counts[k] = (counts[k] ?? 0) + 1;
}
console.log(counts);
