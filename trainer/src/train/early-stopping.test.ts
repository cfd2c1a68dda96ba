import * as tf from '@tensorflow/tfjs';
import { EarlyStopping, type EpochMetrics } from '@layerlab/sdk/spec';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoopContext, StopReason } from './callbacks.js';
import { EarlyStoppingCallback } from './early-stopping.js';

// A one-weight model whose weight we set to the epoch number, so "restored weights" is checkable.
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1], useBias: false })] });
afterAll(() => model.dispose());

async function drive(options: Partial<EarlyStopping>, series: Partial<EpochMetrics>[], epochs = 100) {
  const callback = new EarlyStoppingCallback(EarlyStopping.parse(options));
  const history: EpochMetrics[] = [];
  let stopped: StopReason | null = null;
  const ctx = {
    model,
    epochs,
    history,
    stop: (reason: StopReason) => {
      stopped = reason;
    },
    get stopReason() {
      return stopped;
    },
  } as unknown as LoopContext;
  for (const [i, values] of series.entries()) {
    if (stopped !== null) break;
    model.setWeights([tf.tensor2d([[i + 1]])]);
    const metrics: EpochMetrics = { epoch: i + 1, loss: 1, lr: 0.001, seconds: 0, ...values };
    history.push(metrics);
    callback.onEpochEnd(metrics, ctx);
  }
  callback.onTrainEnd(ctx);
  const weight = (await model.getWeights()[0]?.data())?.[0];
  return { callback, history, stopped, weight };
}

describe('EarlyStoppingCallback', () => {
  it('stops after `patience` epochs without an improvement larger than minDelta, and restores the best epoch', async () => {
    // 1.0 → 0.8 (best) → 0.81 (wait 1) → 0.79 (< 0.8 − 0.005: best) → 0.795 (wait 1) → 0.80 (wait 2: stop)
    const series = [1.0, 0.8, 0.81, 0.79, 0.795, 0.8, 0.82].map((valLoss) => ({ valLoss }));
    const { callback, history, stopped, weight } = await drive({ patience: 2, minDelta: 0.005 }, series);
    expect(stopped).toBe('early_stopping');
    expect(history.length).toBe(6);
    expect(callback.bestSoFar).toEqual({ epoch: 4, monitor: 'valLoss', value: 0.79 });
    expect(callback.stoppedEarly).toBe(true);
    expect(weight).toBe(4);
  });

  it('maximises accuracy-like metrics and accepts the Keras spelling', async () => {
    const series = [0.5, 0.7, 0.65, 0.6].map((valAccuracy) => ({ valAccuracy }));
    const { callback, stopped, weight } = await drive({ monitor: 'val_accuracy' as 'valAccuracy', patience: 2 }, series);
    expect(callback.bestSoFar).toEqual({ epoch: 2, monitor: 'valAccuracy', value: 0.7 });
    expect(stopped).toBe('early_stopping');
    expect(weight).toBe(2);
  });

  it('keeps the last weights when restoreBest is false', async () => {
    const series = [0.5, 0.4, 0.45, 0.46].map((valLoss) => ({ valLoss }));
    const { weight, callback } = await drive({ patience: 2, restoreBest: false }, series);
    expect(callback.bestSoFar?.epoch).toBe(2);
    expect(weight).toBe(4);
  });

  it('does not call the last epoch an early stop', async () => {
    const series = [0.5, 0.6, 0.7].map((valLoss) => ({ valLoss }));
    const { stopped, weight } = await drive({ patience: 2 }, series, 3);
    expect(stopped).toBeNull();
    expect(weight).toBe(1);
  });

  it('ignores epochs where the monitored metric is missing or not finite', async () => {
    const { callback } = await drive({ patience: 1 }, [{ valLoss: Number.NaN }, { valLoss: 0.3 }, {}]);
    expect(callback.bestSoFar).toEqual({ epoch: 2, monitor: 'valLoss', value: 0.3 });
  });
});
