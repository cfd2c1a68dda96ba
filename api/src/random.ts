/**
 * mulberry32: a small seeded PRNG returning floats in [0, 1). The same seed gives the same stream
 * on every runtime, which makes sweeps' trial lists and the trainer's splits and shuffles
 * reproducible.
 */
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
