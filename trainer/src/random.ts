import { createRandom } from '@layerlab/api/random';

export { createRandom };

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
