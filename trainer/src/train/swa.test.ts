import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { recomputeBatchNorm } from './batch-norm-stats.js';
import type { LoopContext } from './callbacks.js';
import type { TrainOptimizer } from './optimizers/types.js';
import { SwaCallback, swaStartEpoch } from './swa.js';

function denseModel() {
  return tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [2], useBias: true })] });
}

const epochEnd = (epoch: number) => ({ epoch, loss: 1, lr: 0, seconds: 0 });

describe('SWA', () => {
  it('averages the weights of the chosen epochs exactly', () => {
    const model = denseModel();
    const ctx = { model, optimizer: { learningRate: 0.1, momentum: null } as TrainOptimizer, stepsPerEpoch: 10 } as unknown as LoopContext;
    const swa = new SwaCallback({ start: 3, lr: 0.05, every: 2 }, 10);
    const snapshots: Record<number, [number[], number[]]> = {
      2: [[9, 9, 9, 9], [9, 9]], // before the start: ignored
      3: [[1, 2, 3, 4], [0, 1]],
      4: [[7, 7, 7, 7], [7, 7]], // (4 − 3) % 2 ≠ 0: skipped
      5: [[3, 2, 1, 0], [2, 3]],
      7: [[2, 5, 2, 5], [4, 2]],
    };
    for (const [epoch, [kernel, bias]] of Object.entries(snapshots)) {
      model.setWeights([tf.tensor2d(kernel, [2, 2]), tf.tensor1d(bias)]);
      swa.onEpochEnd(epochEnd(Number(epoch)), ctx);
    }
    expect(swa.count).toBe(3);
    expect(swa.apply(model)).toBe(true);
    const [kernel, bias] = model.getWeights().map((w) => Array.from(w.dataSync()));
    // by hand: mean of epochs 3, 5 and 7
    [2, 3, 2, 3].forEach((v, i) => expect(kernel?.[i]).toBeCloseTo(v, 6));
    [2, 2].forEach((v, i) => expect(bias?.[i]).toBeCloseTo(v, 6));
    swa.dispose();
    model.dispose();
  });

  it('holds the lr at swa.lr from the start epoch, per epoch and per batch (after any schedule)', () => {
    const optimizer = { learningRate: 0.1, momentum: null } as TrainOptimizer;
    const ctx = { optimizer, stepsPerEpoch: 10 } as unknown as LoopContext;
    const swa = new SwaCallback({ start: 0.75, lr: 0.05, every: 1 }, 8);
    expect(swa.startEpoch).toBe(7);
    swa.onEpochBegin(6, ctx);
    swa.onBatchBegin(59, ctx);
    expect(optimizer.learningRate).toBe(0.1);
    swa.onBatchBegin(60, ctx);
    expect(optimizer.learningRate).toBe(0.05);
  });

  it('start: a fraction of the epochs or an epoch number', () => {
    expect(swaStartEpoch(0.75, 100)).toBe(76);
    expect(swaStartEpoch(0.5, 3)).toBe(2);
    expect(swaStartEpoch(12, 100)).toBe(12);
  });
});

describe('BatchNorm statistics after SWA', () => {
  it('become the exact mean and population variance of the layer inputs', async () => {
    const model = tf.sequential({
      layers: [tf.layers.dense({ units: 2, inputShape: [2], kernelInitializer: 'identity', useBias: false }), tf.layers.batchNormalization()],
    });
    // column 0: 1, 2, 3, 6 → mean 3, variance (4 + 1 + 0 + 9)/4 = 3.5; column 1: all 5 → variance 0
    const x = tf.tensor2d([1, 5, 2, 5, 3, 5, 6, 5], [4, 2]);
    expect(await recomputeBatchNorm({ model, x, batchSize: 3 })).toBe(1);
    const bn = model.layers[1] as tf.layers.Layer;
    const byName = Object.fromEntries(bn.weights.map((w) => [w.name.split('/').pop() ?? '', Array.from(w.read().dataSync())]));
    expect(byName.moving_mean?.map((v) => Number(v.toFixed(5)))).toEqual([3, 5]);
    expect(byName.moving_variance?.map((v) => Number(v.toFixed(5)))).toEqual([3.5, 0]);
    x.dispose();
    model.dispose();
  });
});
