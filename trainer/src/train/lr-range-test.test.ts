import * as tf from '@tensorflow/tfjs';
import { LrFinderOptions } from '@layerlab/sdk/spec';
import { describe, expect, it } from 'vitest';
import type { LoopContext } from './callbacks.js';
import { categoricalCrossentropy } from './losses.js';
import { analyseRange, LrRangeTestCallback, rangeLr, runRangeTest } from './lr-range-test.js';
import { createOptimizer } from './optimizers/index.js';
import type { TrainOptimizer } from './optimizers/types.js';

describe('LR range test', () => {
  it('grows the lr exponentially from minLr to maxLr', () => {
    const options = { minLr: 1e-3, maxLr: 1, steps: 4 };
    [1e-3, 1e-2, 1e-1, 1].forEach((lr, step) => expect(rangeLr(step, options)).toBeCloseTo(lr, 12));
  });

  it('smooths the loss (bias-corrected) and stops at 4× the best smoothed loss', () => {
    const stops: string[] = [];
    const ctx = { optimizer: { learningRate: 0, momentum: null } as TrainOptimizer, stop: (reason: string) => stops.push(reason) } as unknown as LoopContext;
    const test = new LrRangeTestCallback(LrFinderOptions.parse({ minLr: 1e-3, maxLr: 1, steps: 10, smoothing: 0.5 }));
    // lr_i = 1e-3·1000^(i/9); by hand with β 0.5: avg 2, 2, 1.5, 10.75 → smoothed 4, 2.6667, 1.7143, 11.4667
    [4, 2, 1, 20].forEach((loss, step) => {
      test.onBatchBegin(step, ctx);
      test.onBatchEnd(step, { loss: () => loss }, ctx);
    });
    expect(test.curve.map((p) => Number(p.smoothedLoss.toFixed(4)))).toEqual([4, 2.6667, 1.7143, 11.4667]);
    expect(stops).toEqual(['range_test_done']); // 11.4667 > 4 × 1.7143
    expect(test.divergedAt).toBeCloseTo(1e-3 * 1000 ** (3 / 9), 12);
    expect(ctx.optimizer.learningRate).toBeCloseTo(1e-3 * 1000 ** (3 / 9), 12);
  });

  it('suggests the steepest descent before the minimum, and half the divergence lr', () => {
    const smoothed = [1.0, 0.98, 0.6, 0.55, 2.0];
    const curve = smoothed.map((smoothedLoss, i) => ({ lr: 10 ** (i - 4), loss: smoothedLoss, smoothedLoss }));
    // central slopes per decade: i0 −0.02, i1 (0.6 − 1)/2 = −0.2, i2 (0.55 − 0.98)/2 = −0.215, i3 −0.05
    const result = analyseRange(curve, 1);
    expect(result.suggestion).toEqual({ lr: 1e-2, method: 'steepest' });
    expect(result.halfDivergence).toBe(0.5);
    expect(result.divergedAt).toBe(1);
  });

  it('is not fooled by the noise of the first batches', () => {
    // 40 points over lr 1e-6…1e-2 (0.1 decade apart): a noisy start (a sharp dip between points 1
    // and 2: −4 per decade), a flat stretch with jitter, a smooth fall 1.9 → 1.2 centred on point 27
    // (steepest there: about −0.9 per decade), then the blow-up
    const smoothed = Array.from({ length: 40 }, (_, i) => {
      if (i < 4) return [2.0, 2.0, 1.6, 1.9][i] as number;
      if (i <= 35) return 1.9 - 0.7 / (1 + Math.exp(-(i - 27) / 2)) + (i % 2 === 0 ? 0.005 : -0.005);
      return 1.2 + (i - 35);
    });
    const curve = smoothed.map((smoothedLoss, i) => ({ lr: 10 ** (-6 + i / 10), loss: smoothedLoss, smoothedLoss }));
    const { suggestion } = analyseRange(curve, curve[36]?.lr ?? null);
    expect(suggestion.method).toBe('steepest');
    // the middle of the fall (points 25–29) is right; a point of the noisy start is not
    expect(suggestion.lr).toBeGreaterThanOrEqual(10 ** (-6 + 2.5) * 0.999);
    expect(suggestion.lr).toBeLessThanOrEqual(10 ** (-6 + 2.9) * 1.001);
  });

  it('falls back to half the divergence lr when the loss never fell', () => {
    const curve = [3, 2.9, 5].map((smoothedLoss, i) => ({ lr: 10 ** (i - 2), loss: smoothedLoss, smoothedLoss }));
    expect(analyseRange(curve, 1).suggestion).toEqual({ lr: 0.5, method: 'half_divergence' });
  });

  it('runs through the training loop and leaves the weights as they were', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) })] });
    const x = tf.randomNormal([64, 4], 0, 1, 'float32', 2);
    const labels = tf.oneHot(tf.argMax(x.slice([0, 0], [64, 3]), 1), 3).toFloat();
    const before = model.getWeights().map((w) => Array.from(w.dataSync()));
    const optimizer = createOptimizer({ name: 'sgd', learningRate: 0.01, momentum: 0.9, nesterov: true }, 0.01);
    const tensorsBefore = tf.memory().numTensors;
    const { result } = await runRangeTest({
      fit: { model, optimizer, loss: categoricalCrossentropy, target: { type: 'multiclass', name: 'y', classes: ['a', 'b', 'c'] }, train: { x, y: labels, count: 64 }, batchSize: 8, seed: 1 },
      finder: LrFinderOptions.parse({ minLr: 1e-4, maxLr: 100, steps: 30, smoothing: 0.7 }),
    });
    expect(result.curve.length).toBeGreaterThan(5);
    expect(result.curve.length).toBeLessThanOrEqual(30);
    result.curve.slice(1).forEach((point, i) => expect(point.lr).toBeGreaterThan(result.curve[i]?.lr ?? Number.POSITIVE_INFINITY));
    expect(result.divergedAt).not.toBeNull(); // lr 100 with momentum diverges
    expect(result.suggestion.lr).toBeGreaterThan(1e-4);
    expect(result.suggestion.lr).toBeLessThan(result.divergedAt ?? 0);
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore - 0);
    tf.dispose([x, labels]);
    model.dispose();
  });
});
