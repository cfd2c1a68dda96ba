import * as tf from '@tensorflow/tfjs';
import type { TargetTransform } from '@layerlab/sdk/spec';

/** How many predictions are right in a batch (a scalar); multilabel counts each label. */
export function correctCount(target: TargetTransform, yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    if (target.type === 'multiclass') return tf.sum(tf.cast(tf.equal(tf.argMax(yTrue, -1), tf.argMax(yPred, -1)), 'float32'));
    return tf.sum(tf.cast(tf.equal(tf.greaterEqual(yPred, 0.5), tf.greaterEqual(yTrue, 0.5)), 'float32'));
  });
}

/** How many predictions `correctCount` counts per example. */
export function labelsPerExample(target: TargetTransform): number {
  return target.type === 'multilabel' ? target.names.length : 1;
}

/** Macro F1 over classes from predicted and true class indices. */
export function macroF1(trueIndex: ArrayLike<number>, predIndex: ArrayLike<number>, classes: number): number {
  const tp = new Float64Array(classes);
  const fp = new Float64Array(classes);
  const fn = new Float64Array(classes);
  for (let i = 0; i < trueIndex.length; i += 1) {
    const t = trueIndex[i] as number;
    const p = predIndex[i] as number;
    if (t === p) tp[t] = (tp[t] ?? 0) + 1;
    else {
      fp[p] = (fp[p] ?? 0) + 1;
      fn[t] = (fn[t] ?? 0) + 1;
    }
  }
  let sum = 0;
  for (let c = 0; c < classes; c += 1) {
    const denominator = 2 * (tp[c] ?? 0) + (fp[c] ?? 0) + (fn[c] ?? 0);
    sum += denominator === 0 ? 0 : (2 * (tp[c] ?? 0)) / denominator;
  }
  return sum / classes;
}

/** F1 of the positive class (index 1). */
export function binaryF1(trueIndex: ArrayLike<number>, predIndex: ArrayLike<number>): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < trueIndex.length; i += 1) {
    const t = trueIndex[i];
    const p = predIndex[i];
    if (t === 1 && p === 1) tp += 1;
    else if (t === 0 && p === 1) fp += 1;
    else if (t === 1 && p === 0) fn += 1;
  }
  return 2 * tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/**
 * Regression metrics in the target's own units: mean absolute error, RMSE and R² (mean over
 * outputs). `yTrue`/`yPred` are the network's scaled values, row-major with `width` columns.
 */
export function regressionMetrics(options: { yTrue: Float32Array; yPred: Float32Array; width: number; scale: number[] }) {
  const { yTrue, yPred, width, scale } = options;
  const rows = yTrue.length / width;
  let mae = 0;
  let mse = 0;
  let r2 = 0;
  for (let j = 0; j < width; j += 1) {
    const s = scale[j] ?? 1;
    let mean = 0;
    for (let i = 0; i < rows; i += 1) mean += (yTrue[i * width + j] as number) / rows;
    let ssRes = 0;
    let ssTot = 0;
    let abs = 0;
    for (let i = 0; i < rows; i += 1) {
      const t = yTrue[i * width + j] as number;
      const p = yPred[i * width + j] as number;
      ssRes += (t - p) ** 2;
      ssTot += (t - mean) ** 2;
      abs += Math.abs(t - p);
    }
    mae += (abs / rows) * Math.abs(s);
    mse += (ssRes / rows) * s * s;
    r2 += ssTot === 0 ? 0 : 1 - ssRes / ssTot;
  }
  return { mae: mae / width, rmse: Math.sqrt(mse / width), r2: r2 / width };
}
