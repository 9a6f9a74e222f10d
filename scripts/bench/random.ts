/**
 * @module scripts/bench/random
 * A seeded PRNG (mulberry32) and the few helpers the benchmark draws with. Seeded so that a synthetic corpus
 * and a query sample are the same on every run and every machine: figures stay comparable between runs.
 */

/** A function returning uniform numbers in [0, 1), like Math.random but reproducible. */
export type Random = () => number;

/** mulberry32: 32-bit state, passes the statistical tests that matter for sampling, and is tiny. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max], both included. */
export function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('random: cannot pick from an empty list');
  return items[Math.floor(random() * items.length)];
}

/** `n` distinct items (all of them when there are fewer), by a partial Fisher–Yates shuffle of a copy. */
export function sample<T>(random: Random, items: readonly T[], n: number): T[] {
  const copy = [...items];
  const count = Math.min(n, copy.length);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}
