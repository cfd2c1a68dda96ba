import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { lossFor, lossName } from './losses-by-name.js';

function lossOf(spec: Parameters<typeof lossFor>[0], yTrue: number[], yPred: number[]): number {
  const fn = lossFor(spec, 'regression');
  return tf.tidy(() => fn(tf.tensor2d(yTrue, [yTrue.length, 1]), tf.tensor2d(yPred, [yPred.length, 1])).dataSync()[0] ?? Number.NaN);
}

describe('losses', () => {
  // errors (pred − true) of 0.5, 2 and −3
  const yTrue = [0, 0, 0];
  const yPred = [0.5, 2, -3];

  it('huber with δ = 1: ½·0.5², 1·(2 − ½), 1·(3 − ½) → mean 1.375', () => {
    expect(lossOf({ loss: 'huber', huberDelta: 1 }, yTrue, yPred)).toBeCloseTo((0.125 + 1.5 + 2.5) / 3, 6);
  });

  it('huber with δ = 2: ½·0.5², ½·2², 2·(3 − 1) → mean 2.0417', () => {
    expect(lossOf({ loss: 'huber', huberDelta: 2 }, yTrue, yPred)).toBeCloseTo((0.125 + 2 + 4) / 3, 6);
  });

  it('mae and mse', () => {
    expect(lossOf({ loss: 'mae', huberDelta: 1 }, yTrue, yPred)).toBeCloseTo(5.5 / 3, 6);
    expect(lossOf({ loss: 'mse', huberDelta: 1 }, yTrue, yPred)).toBeCloseTo((0.25 + 4 + 9) / 3, 6);
  });

  it('auto picks by task', () => {
    expect(lossName({ loss: 'auto' }, 'regression')).toBe('mse');
    expect(lossName({ loss: 'auto' }, 'binary')).toBe('binary_crossentropy');
    expect(lossName({ loss: 'auto' }, 'multilabel')).toBe('binary_crossentropy');
    expect(lossName({ loss: 'auto' }, 'multiclass')).toBe('categorical_crossentropy');
  });
});
