import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { ensureWasmConvFilterGradient } from './conv2d-filter-grad-wasm.js';

/** dW of a conv on the given backend, from fixed pseudo-random inputs. */
async function filterGradient(backend: 'cpu' | 'wasm', options: { strides: number; pad: 'same' | 'valid'; kernel: number }) {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const x = tf.randomNormal([2, 7, 6, 3], 0, 1, 'float32', 11);
    const filterShape: [number, number, number, number] = [options.kernel, options.kernel, 3, 4];
    const filter = tf.randomNormal(filterShape, 0, 1, 'float32', 12);
    const grad = tf.grad((w: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, options.strides, options.pad), 0.5)));
    return Array.from(grad(filter).dataSync());
  });
}

describe('Conv2DBackpropFilter on wasm', () => {
  it.each([
    { strides: 1, pad: 'same' as const, kernel: 3 },
    { strides: 2, pad: 'same' as const, kernel: 3 },
    { strides: 1, pad: 'valid' as const, kernel: 2 },
    { strides: 2, pad: 'valid' as const, kernel: 1 },
  ])('matches the cpu backend kernel (%o)', async (options) => {
    const expected = await filterGradient('cpu', options);
    ensureWasmConvFilterGradient();
    const actual = await filterGradient('wasm', options);
    expect(actual).toHaveLength(expected.length);
    actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i] ?? Number.NaN, 4));
  });

  it('frees every intermediate buffer', async () => {
    await tf.setBackend('wasm');
    ensureWasmConvFilterGradient();
    const x = tf.randomNormal([2, 8, 8, 3]);
    const w = tf.randomNormal([3, 3, 3, 5]);
    const grad = tf.grad((filter: tf.Tensor) => tf.sum(tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, 1, 'same')));
    tf.dispose(grad(w));
    const before = tf.memory().numBytes;
    tf.dispose(grad(w));
    expect(tf.memory().numBytes).toBe(before);
    tf.dispose([x, w]);
  });
});
