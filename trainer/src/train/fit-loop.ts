import * as tf from '@tensorflow/tfjs';
import type { EpochMetrics, TargetTransform } from '@layerlab/sdk/spec';
import { createRandom, shuffleInPlace } from '../random.js';
import { STOP_AT_ONCE, type Callback, type LoopContext, type StopReason } from './callbacks.js';
import { evaluateSplit, type SplitTensors } from './evaluate.js';
import type { LossFn } from './losses.js';
import { correctCount, labelsPerExample } from './metrics.js';
import type { TrainOptimizer } from './optimizers/types.js';

export interface FitOptions {
  model: tf.LayersModel;
  optimizer: TrainOptimizer;
  loss: LossFn;
  target: TargetTransform;
  train: SplitTensors;
  validation: SplitTensors | null;
  batchSize: number;
  epochs: number;
  seed: number;
  callbacks: Callback[];
  /** Extra loss terms computed from the weights (L2 weight decay); default none. */
  regularization?: (() => tf.Scalar) | undefined;
  /** Gradient clipping and the like, applied between computing and applying gradients. */
  transformGradients?: ((grads: tf.NamedTensorMap) => tf.NamedTensorMap) | undefined;
  /** Epochs already finished (a resumed run); default 0. */
  initialEpoch?: number;
  /** Their metrics; default []. */
  history?: EpochMetrics[];
  /** Yield to the event loop this often so heartbeats and HTTP stay alive; default 50 ms. */
  yieldEveryMs?: number;
}

export interface FitResult {
  history: EpochMetrics[];
  stopReason: StopReason | null;
  stopDetail: string | null;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Sums over an epoch, kept on the device so a batch never waits for a read-back. */
class EpochTotals {
  loss: tf.Scalar = tf.scalar(0);
  correct: tf.Scalar = tf.scalar(0);
  absError: tf.Scalar = tf.scalar(0);

  add(name: 'loss' | 'correct' | 'absError', value: tf.Scalar): void {
    const next = tf.keep(tf.add(this[name], value)) as tf.Scalar;
    this[name].dispose();
    this[name] = next;
  }

  async read() {
    const [loss, correct, absError] = await Promise.all([this.loss.data(), this.correct.data(), this.absError.data()]);
    tf.dispose([this.loss, this.correct, this.absError]);
    return { loss: loss[0] ?? Number.NaN, correct: correct[0] ?? 0, absError: absError[0] ?? 0 };
  }
}

/**
 * The training loop: per batch, gradients of loss + regularization → transformGradients (clip) →
 * optimizer step; per epoch, validation metrics and callbacks. One loop for every knob.
 */
export async function fit(options: FitOptions): Promise<FitResult> {
  const { model, optimizer, target, train, batchSize } = options;
  const history = [...(options.history ?? [])];
  const stepsPerEpoch = Math.ceil(train.count / batchSize);
  let stopReason: StopReason | null = null;
  let stopDetail: string | null = null;
  const ctx: LoopContext = {
    model,
    optimizer,
    epochs: options.epochs,
    stepsPerEpoch,
    history,
    stop(reason, detail) {
      if (stopReason === null || (STOP_AT_ONCE.has(reason) && !STOP_AT_ONCE.has(stopReason))) {
        stopReason = reason;
        stopDetail = detail ?? null;
      }
    },
    get stopReason() {
      return stopReason;
    },
  };
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const scale = target.type === 'regression' ? tf.tensor1d(target.scale.map(Math.abs)) : null;
  const yieldEvery = options.yieldEveryMs ?? 50;
  const callbacks = options.callbacks;
  const batchEnders = callbacks.filter((callback) => callback.onBatchEnd !== undefined);
  const stopsAtOnce = () => stopReason !== null && STOP_AT_ONCE.has(stopReason);

  try {
    for (const callback of callbacks) await callback.onTrainBegin?.(ctx);
    for (let epoch = (options.initialEpoch ?? 0) + 1; epoch <= options.epochs && stopReason === null; epoch += 1) {
      const started = performance.now();
      for (const callback of callbacks) await callback.onEpochBegin?.(epoch, ctx);
      const order = shuffleInPlace(Int32Array.from({ length: train.count }, (_, i) => i), createRandom(options.seed * 7919 + epoch));
      const totals = new EpochTotals();
      let lastYield = performance.now();
      for (let batch = 0; batch < stepsPerEpoch && !stopsAtOnce(); batch += 1) {
        const step = (epoch - 1) * stepsPerEpoch + batch;
        for (const callback of callbacks) callback.onBatchBegin?.(step, ctx);
        const indices = order.subarray(batch * batchSize, Math.min(train.count, (batch + 1) * batchSize));
        let batchLoss: tf.Scalar | null = null;
        tf.tidy(() => {
          const idx = tf.tensor1d(indices, 'int32');
          const xb = tf.gather(train.x, idx);
          const yb = tf.gather(train.y, idx);
          let pred: tf.Tensor | null = null;
          const { value, grads } = tf.variableGrads(() => {
            pred = tf.keep(model.apply(xb, { training: true }) as tf.Tensor);
            const dataLoss = options.loss(yb, pred);
            return options.regularization === undefined ? dataLoss : tf.add(dataLoss, options.regularization());
          }, variables);
          optimizer.apply(variables, options.transformGradients === undefined ? grads : options.transformGradients(grads));
          const p = pred as unknown as tf.Tensor;
          totals.add('loss', tf.mul(value, indices.length));
          if (scale === null) totals.add('correct', correctCount(target, yb, p));
          else totals.add('absError', tf.sum(tf.mul(tf.abs(tf.sub(p, yb)), scale)));
          p.dispose();
          // kept only for onBatchEnd listeners (the LR range test); otherwise freed with the batch
          if (batchEnders.length > 0) batchLoss = tf.keep(value);
        });
        if (batchLoss !== null) endBatch({ loss: batchLoss, step, callbacks: batchEnders, ctx });
        if (performance.now() - lastYield > yieldEvery) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
      }
      const sums = await totals.read();
      if (stopsAtOnce()) break;
      const metrics = await epochMetrics({ options, epoch, sums, seconds: 0 });
      metrics.seconds = (performance.now() - started) / 1000;
      if (!Number.isFinite(metrics.loss)) ctx.stop('diverged', `the training loss became ${metrics.loss} in epoch ${epoch}`);
      history.push(metrics);
      for (const callback of callbacks) await callback.onEpochEnd?.(metrics, ctx);
    }
    for (const callback of callbacks) await callback.onTrainEnd?.(ctx);
  } finally {
    scale?.dispose();
  }
  return { history, stopReason, stopDetail };
}

function endBatch(input: { loss: tf.Scalar; step: number; callbacks: Callback[]; ctx: LoopContext }): void {
  const { loss } = input;
  let read: number | null = null;
  const end = { loss: () => (read ??= loss.dataSync()[0] ?? Number.NaN) };
  try {
    for (const callback of input.callbacks) callback.onBatchEnd?.(input.step, end, input.ctx);
  } finally {
    loss.dispose();
  }
}

async function epochMetrics(input: {
  options: FitOptions;
  epoch: number;
  sums: { loss: number; correct: number; absError: number };
  seconds: number;
}): Promise<EpochMetrics> {
  const { options, epoch, sums } = input;
  const { target, train } = options;
  const metrics: EpochMetrics = { epoch, loss: sums.loss / train.count, lr: options.optimizer.learningRate, seconds: input.seconds };
  if (target.type === 'regression') metrics.mae = sums.absError / (train.count * target.names.length);
  else metrics.accuracy = sums.correct / (train.count * labelsPerExample(target));
  if (options.validation !== null && options.validation.count > 0) {
    const val = await evaluateSplit({ model: options.model, loss: options.loss, target, data: options.validation });
    metrics.valLoss = val.loss;
    if (val.accuracy !== undefined) metrics.valAccuracy = val.accuracy;
    if (val.mae !== undefined) metrics.valMae = val.mae;
    if (val.r2 !== undefined) metrics.valR2 = val.r2;
    if (target.type === 'multiclass' && val.f1 !== undefined) metrics.valF1 = val.f1;
  }
  return metrics;
}
