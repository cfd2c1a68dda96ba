import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { ensureWasmTrainingKernels } from './index.js';

type Case = { strides: number; pad: 'same' | 'valid'; kernel: number };

/** dW and dX of a conv (and dX through a max-pool after it) on a backend, from seeded inputs. */
async function gradients(backend: 'cpu' | 'wasm', options: Case & { pool: number; poolStrides: number; poolPad: 'same' | 'valid' }) {
  await tf.setBackend(backend);
  if (backend === 'wasm') ensureWasmTrainingKernels();
  return tf.tidy(() => {
    const x = tf.randomNormal([2, 9, 8, 3], 0, 1, 'float32', 11) as tf.Tensor4D;
    const filter = tf.randomNormal([options.kernel, options.kernel, 3, 4], 0, 1, 'float32', 12) as tf.Tensor4D;
    const weights = tf.randomNormal([2, 9, 8, 4], 0, 1, 'float32', 13);
    const f = (input: tf.Tensor, w: tf.Tensor) => {
      const y = tf.conv2d(input as tf.Tensor4D, w as tf.Tensor4D, options.strides, options.pad);
      const pooled = tf.maxPool(y, options.pool, options.poolStrides, options.poolPad);
      return tf.sum(tf.mul(pooled, tf.slice(weights, [0, 0, 0, 0], pooled.shape)));
    };
    const [dx, dw] = tf.grads(f)([x, filter]);
    return { dx: Array.from(dx?.dataSync() ?? []), dw: Array.from(dw?.dataSync() ?? []) };
  });
}

describe('wasm training kernels (conv gradients, max-pool gradient)', () => {
  // seeded normal inputs, negatives included: wasm's own MaxPoolGrad gets some of these windows wrong
  it.each([
    { strides: 1, pad: 'same' as const, kernel: 3, pool: 2, poolStrides: 2, poolPad: 'valid' as const },
    { strides: 1, pad: 'same' as const, kernel: 5, pool: 3, poolStrides: 3, poolPad: 'valid' as const },
    { strides: 2, pad: 'same' as const, kernel: 3, pool: 2, poolStrides: 2, poolPad: 'valid' as const },
    { strides: 1, pad: 'valid' as const, kernel: 2, pool: 2, poolStrides: 2, poolPad: 'valid' as const },
    { strides: 2, pad: 'valid' as const, kernel: 1, pool: 1, poolStrides: 1, poolPad: 'valid' as const },
  ])('match the cpu backend: %o', async (options) => {
    const expected = await gradients('cpu', options);
    const actual = await gradients('wasm', options);
    for (const key of ['dx', 'dw'] as const) {
      expect(actual[key]).toHaveLength(expected[key].length);
      actual[key].forEach((value, i) => expect(value).toBeCloseTo(expected[key][i] ?? Number.NaN, 3));
    }
  });

  it('multiply with transposed operands like the cpu backend', async () => {
    const products = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      if (backend === 'wasm') ensureWasmTrainingKernels();
      return tf.tidy(() => {
        const a = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 1);
        const b = tf.randomNormal([2, 5, 4], 0, 1, 'float32', 2);
        const c = tf.randomNormal([2, 4, 3], 0, 1, 'float32', 3);
        return [tf.matMul(a, b, true, false), tf.matMul(b, c, false, false), tf.matMul(a, c, false, true), tf.matMul(c, b, true, true)].map((t) => Array.from(t.dataSync()));
      });
    };
    const expected = await products('cpu');
    const actual = await products('wasm');
    actual.forEach((values, i) => values.forEach((v, j) => expect(v).toBeCloseTo(expected[i]?.[j] ?? Number.NaN, 4)));
  });

  it('free every intermediate buffer', async () => {
    await tf.setBackend('wasm');
    ensureWasmTrainingKernels();
    const x = tf.randomNormal([2, 8, 8, 3]);
    const w = tf.randomNormal([3, 3, 3, 5]);
    const grads = tf.grads((input: tf.Tensor, filter: tf.Tensor) =>
      tf.sum(tf.matMul(tf.reshape(tf.maxPool(tf.conv2d(input as tf.Tensor4D, filter as tf.Tensor4D, 1, 'same'), 2, 2, 'valid'), [2, -1]), tf.ones([80, 3]))),
    );
    tf.dispose(grads([x, w]));
    const before = tf.memory().numBytes;
    tf.dispose(grads([x, w]));
    expect(tf.memory().numBytes).toBe(before);
    tf.dispose([x, w]);
  });
});
