/**
 * The trainer loop's overhead: samples/s of Layerlab's fit() (its own Adam, callbacks, on-device
 * sums) against a bare tfjs model.fit of the same 784-256-128-10 model (same initial weights),
 * data and batch size, on the same backend, in the same process. Epochs alternate between the
 * two so that load from other processes on the machine hits both alike.
 */
import * as tf from '@tensorflow/tfjs';
import { fit } from '../../trainer/src/train/fit-loop.js';
import { ensureWasmTrainingKernels } from '../../trainer/src/train/kernels/index.js';
import { categoricalCrossentropy } from '../../trainer/src/train/losses.js';
import { Adam } from '../../trainer/src/train/optimizers/adam.js';
import { readSplit } from './dataset.js';

export interface OverheadResult {
  backend: string;
  samples: number;
  batchSize: number;
  epochsEach: number;
  layerlabSamplesPerSecond: number;
  tfjsFitSamplesPerSecond: number;
  /** layerlab / tfjs: 1 means no overhead. */
  ratio: number;
  overheadPercent: number;
}

function mlp(seed: number): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({ units: 256, activation: 'relu', inputShape: [784], kernelInitializer: tf.initializers.heNormal({ seed }) }),
      tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: seed + 1 }) }),
      tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }),
    ],
  });
}

/** Measures both loops on `samples` training images for `epochs` timed epochs each (after one warm-up epoch each). */
export async function measureOverhead(options: { samples: number; batchSize: number; epochs: number }): Promise<OverheadResult> {
  const { samples, batchSize } = options;
  // the kernels the trainer uses, for both loops alike
  ensureWasmTrainingKernels();
  const train = await readSplit('train');
  const x = tf.tidy(() => tf.div(tf.tensor2d(train.images.subarray(0, samples * 784), [samples, 784], 'float32'), 255));
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(train.labels.subarray(0, samples), 'int32'), 10).toFloat());
  const ours = mlp(1);
  const bare = mlp(1);
  bare.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const optimizer = new Adam({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  const target = { type: 'multiclass' as const, name: 'label', classes: Array.from({ length: 10 }, (_, i) => String(i)) };
  let oursEpoch = 0;
  const runOurs = async () => {
    oursEpoch += 1;
    const started = performance.now();
    await fit({ model: ours, optimizer, loss: categoricalCrossentropy, target, train: { x, y, count: samples }, validation: null, batchSize, epochs: oursEpoch, initialEpoch: oursEpoch - 1, seed: 1, callbacks: [] });
    return performance.now() - started;
  };
  const runBare = async () => {
    const started = performance.now();
    await bare.fit(x, y, { batchSize, epochs: 1, shuffle: true, verbose: 0 });
    return performance.now() - started;
  };
  await runOurs();
  await runBare();
  let oursMs = 0;
  let bareMs = 0;
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    // alternate which goes first so neither always runs in the other's wake
    if (epoch % 2 === 0) {
      oursMs += await runOurs();
      bareMs += await runBare();
    } else {
      bareMs += await runBare();
      oursMs += await runOurs();
    }
  }
  tf.dispose([x, y]);
  ours.dispose();
  bare.dispose();
  optimizer.dispose();
  const layerlabSamplesPerSecond = (samples * options.epochs) / (oursMs / 1000);
  const tfjsFitSamplesPerSecond = (samples * options.epochs) / (bareMs / 1000);
  const ratio = layerlabSamplesPerSecond / tfjsFitSamplesPerSecond;
  return { backend: tf.getBackend(), samples, batchSize, epochsEach: options.epochs, layerlabSamplesPerSecond, tfjsFitSamplesPerSecond, ratio, overheadPercent: (1 - ratio) * 100 };
}
