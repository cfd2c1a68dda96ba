/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle in place with the given random source. */
export function shuffleInPlace<T extends { length: number; [index: number]: number }>(items: T, random: () => number): T {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const a = items[i] as number;
    items[i] = items[j] as number;
    items[j] = a;
  }
  return items;
}

/**
 * Runs `work` with Math.random replaced by a seeded source. tfjs draws unseeded random numbers
 * (dropout masks) from Math.random, so this makes a whole training run repeatable.
 */
export async function withSeededMathRandom<T>(seed: number, work: () => Promise<T>): Promise<T> {
  const original = Math.random;
  Math.random = createRandom(seed ^ 0x5eed);
  try {
    return await work();
  } finally {
    Math.random = original;
  }
}
