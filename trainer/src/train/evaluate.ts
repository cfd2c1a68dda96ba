import * as tf from '@tensorflow/tfjs';
import type { TargetTransform } from '@layerlab/sdk/spec';
import type { LossFn } from './losses.js';
import { binaryF1, macroF1, regressionMetrics } from './metrics.js';

/** A split as tensors: `x` inputs, `y` encoded targets, `count` rows. */
export interface SplitTensors {
  x: tf.Tensor;
  y: tf.Tensor;
  count: number;
}

export interface Evaluation {
  loss: number;
  accuracy?: number;
  f1?: number;
  mae?: number;
  rmse?: number;
  r2?: number;
}

/** Loss and the task's metrics of a model on a split (inference mode, in batches). */
export async function evaluateSplit(options: { model: tf.LayersModel; loss: LossFn; target: TargetTransform; data: SplitTensors; batchSize?: number }): Promise<Evaluation> {
  const { model, target, data } = options;
  const pred = tf.tidy(() => model.predict(data.x, { batchSize: options.batchSize ?? 1024 }) as tf.Tensor);
  try {
    const lossTensor = tf.tidy(() => options.loss(data.y, pred));
    const loss = (await lossTensor.data())[0] ?? Number.NaN;
    lossTensor.dispose();
    if (target.type === 'regression') {
      const [yTrue, yPred] = await Promise.all([data.y.data() as Promise<Float32Array>, pred.data() as Promise<Float32Array>]);
      return { loss, ...regressionMetrics({ yTrue, yPred, width: target.names.length, scale: target.scale }) };
    }
    if (target.type === 'multilabel') {
      const [yTrue, yPred] = await Promise.all([data.y.data() as Promise<Float32Array>, pred.data() as Promise<Float32Array>]);
      let correct = 0;
      yTrue.forEach((value: number, i: number) => {
        if ((value >= 0.5) === ((yPred[i] ?? 0) >= 0.5)) correct += 1;
      });
      return { loss, accuracy: correct / Math.max(1, yTrue.length) };
    }
    const [trueIndex, predIndex] = tf.tidy(() =>
      target.type === 'binary'
        ? [tf.cast(tf.greaterEqual(tf.reshape(data.y, [-1]), 0.5), 'int32'), tf.cast(tf.greaterEqual(tf.reshape(pred, [-1]), 0.5), 'int32')]
        : [tf.argMax(data.y, -1), tf.argMax(pred, -1)],
    );
    const [t, p] = (await Promise.all([trueIndex.data(), predIndex.data()])) as [Int32Array, Int32Array];
    tf.dispose([trueIndex, predIndex]);
    let correct = 0;
    for (let i = 0; i < t.length; i += 1) if (t[i] === p[i]) correct += 1;
    const f1 = target.type === 'binary' ? binaryF1(t, p) : macroF1(t, p, target.classes.length);
    return { loss, accuracy: correct / Math.max(1, data.count), f1 };
  } finally {
    pred.dispose();
  }
}
