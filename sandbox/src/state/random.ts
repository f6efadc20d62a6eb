/** A seeded source of pseudo-random floats in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: a tiny, fast, seeded PRNG. The same seed always yields the same sequence,
 * which is what makes the sandbox inventory reproducible.
 */
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

/** Picks `count` distinct integers from `[0, range)` and returns them sorted ascending. */
export function sampleDistinct(random: Random, range: number, count: number): number[] {
  if (count > range) throw new RangeError(`cannot pick ${count} distinct values from ${range}`);
  const picked = new Set<number>();
  while (picked.size < count) picked.add(Math.floor(random() * range));
  return [...picked].sort((a, b) => a - b);
}
