import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { gradientClipper } from './clip.js';

/** Gradients a = [3, 4] (norm 5) and b = [0.3, 0.4] (norm 0.5). */
function clip(options: { norm?: number; globalNorm?: number; value?: number }) {
  const transform = gradientClipper({ norm: options.norm ?? null, globalNorm: options.globalNorm ?? null, value: options.value ?? null });
  if (transform === undefined) throw new Error('expected a transform');
  return tf.tidy(() => {
    const out = transform({ a: tf.tensor1d([3, 4]), b: tf.tensor1d([0.3, 0.4]) });
    return { a: Array.from(out.a?.dataSync() ?? []), b: Array.from(out.b?.dataSync() ?? []) };
  });
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i] ?? Number.NaN, 6));
}

describe('gradient clipping (Keras semantics)', () => {
  it('clip.norm scales each tensor whose own L2 norm exceeds the limit', () => {
    const out = clip({ norm: 1 });
    expectClose(out.a, [0.6, 0.8]); // [3, 4]·1/5
    expectClose(out.b, [0.3, 0.4]); // norm 0.5 < 1: untouched
  });

  it('clip.globalNorm scales every tensor by limit / the norm of all of them', () => {
    const out = clip({ globalNorm: 1 });
    const factor = 1 / Math.sqrt(25 + 0.25); // global norm √(3²+4²+0.3²+0.4²) = √25.25
    expectClose(out.a, [3 * factor, 4 * factor]);
    expectClose(out.b, [0.3 * factor, 0.4 * factor]);
    expect(factor).toBeCloseTo(0.199007438, 8);
  });

  it('clip.value clips each element', () => {
    const out = clip({ value: 0.35 });
    expectClose(out.a, [0.35, 0.35]);
    expectClose(out.b, [0.3, 0.35]);
  });

  it('norm then value when both are set', () => {
    const out = clip({ norm: 1, value: 0.7 });
    expectClose(out.a, [0.6, 0.7]);
    expectClose(out.b, [0.3, 0.4]);
  });

  it('no transform when nothing is clipped', () => {
    expect(gradientClipper({ norm: null, globalNorm: null, value: null })).toBeUndefined();
  });
});
