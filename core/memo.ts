/**
 * @module core/memo
 * A pure function of a string, its results kept for the keys asked most recently: for work that depends on a
 * word or a unit's text only and recurs across questions. Never for anything that carries request data.
 */

/** `compute`, with its results kept for up to `max` keys; the oldest kept key is dropped first. */
export function memoised<V>(compute: (key: string) => V, max: number): (key: string) => V {
  const kept = new Map<string, V>();
  return (key) => {
    if (kept.has(key)) return kept.get(key) as V;
    const value = compute(key);
    if (kept.size >= max) kept.delete(kept.keys().next().value as string);
    kept.set(key, value);
    return value;
  };
}
