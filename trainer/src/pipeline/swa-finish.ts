import type * as tf from '@tensorflow/tfjs';
import type { SwaReport, TestMetrics } from '@layerlab/sdk/spec';
import { recomputeBatchNorm } from '../train/batch-norm-stats.js';
import { evaluateSplit } from '../train/evaluate.js';
import type { LossFn } from '../train/losses.js';
import type { SwaCallback } from '../train/swa.js';
import type { PreparedData } from './prepare.js';

async function metricsOf(options: { model: tf.LayersModel; loss: LossFn; data: PreparedData; split: 'validation' | 'test' }): Promise<TestMetrics | null> {
  const split = options.data[options.split];
  if (split === null || split.count === 0) return null;
  const evaluation = await evaluateSplit({ model: options.model, loss: options.loss, target: options.data.artifact.target, data: split });
  return Object.fromEntries(Object.entries(evaluation).filter(([, value]) => value !== undefined)) as TestMetrics;
}

/**
 * Ends an SWA run: measures the trained weights, swaps in the average, recomputes BatchNorm
 * statistics with a pass over the training data, and measures again.
 */
export async function finishSwa(options: { swa: SwaCallback; model: tf.LayersModel; loss: LossFn; data: PreparedData }): Promise<SwaReport> {
  const { swa, model, loss, data } = options;
  const measure = async () => ({
    validation: await metricsOf({ model, loss, data, split: 'validation' }),
    test: await metricsOf({ model, loss, data, split: 'test' }),
  });
  const before = await measure();
  if (!swa.apply(model)) {
    return { startEpoch: swa.startEpoch, snapshots: 0, applied: false, batchNormLayers: 0, before, after: null };
  }
  const batchNormLayers = await recomputeBatchNorm({ model, x: data.train.x });
  return { startEpoch: swa.startEpoch, snapshots: swa.count, applied: true, batchNormLayers, before, after: await measure() };
}
