import * as tf from '@tensorflow/tfjs';
import { metricMode, type Best, type EarlyStopping, type EpochMetrics, type MetricName } from '@layerlab/sdk/spec';
import type { Callback, LoopContext } from './callbacks.js';

export interface EarlyStoppingState {
  best: Best | null;
  wait: number;
  /** Absent in states saved before it existed: false. */
  stoppedEarly?: boolean;
}

/**
 * Stops when `monitor` has not improved by more than `minDelta` for `patience` epochs, and
 * (restoreBest) puts back the weights of the best epoch. tfjs's own restoreBestWeights throws.
 */
export class EarlyStoppingCallback implements Callback {
  readonly name = 'early-stopping';
  private readonly mode: 'min' | 'max';
  private best: Best | null = null;
  private wait = 0;
  private bestWeights: tf.Tensor[] | null = null;
  stoppedEarly = false;

  constructor(private readonly options: EarlyStopping) {
    this.mode = options.mode === 'auto' ? metricMode(options.monitor as MetricName) : options.mode;
  }

  /** True when `value` beats `best` by more than minDelta in the monitored direction. */
  improves(value: number, best: number): boolean {
    return this.mode === 'min' ? value < best - this.options.minDelta : value > best + this.options.minDelta;
  }

  onEpochEnd(metrics: EpochMetrics, ctx: LoopContext): void {
    const value = metrics[this.options.monitor as keyof EpochMetrics];
    if (typeof value !== 'number' || !Number.isFinite(value)) return;
    if (this.best === null || this.improves(value, this.best.value)) {
      this.best = { epoch: metrics.epoch, monitor: this.options.monitor as MetricName, value };
      this.wait = 0;
      if (this.options.restoreBest) this.snapshot(ctx.model);
      return;
    }
    this.wait += 1;
    if (this.wait >= this.options.patience && metrics.epoch < ctx.epochs) {
      this.stoppedEarly = true;
      ctx.stop('early_stopping', `${this.options.monitor} did not improve for ${this.wait} epochs`);
    }
  }

  onTrainEnd(ctx: LoopContext): void {
    const last = ctx.history[ctx.history.length - 1];
    if (this.options.restoreBest && this.bestWeights !== null && this.best !== null && last !== undefined && last.epoch !== this.best.epoch) {
      ctx.model.setWeights(this.bestWeights);
    }
    this.dispose();
  }

  private snapshot(model: tf.LayersModel): void {
    this.dispose();
    this.bestWeights = model.getWeights().map((weight) => tf.clone(weight));
  }

  /** The best epoch so far (null before the first finite value). */
  get bestSoFar(): Best | null {
    return this.best;
  }

  /** Current weights of the best epoch, for checkpoints. */
  get bestWeightsSnapshot(): tf.Tensor[] | null {
    return this.bestWeights;
  }

  state(): EarlyStoppingState {
    return { best: this.best, wait: this.wait, stoppedEarly: this.stoppedEarly };
  }

  restore(state: unknown): void {
    const saved = state as EarlyStoppingState;
    this.best = saved.best;
    this.wait = saved.wait;
    this.stoppedEarly = saved.stoppedEarly ?? false;
  }

  /** The best epoch's weights travel in checkpoints. */
  tensors(): tf.Tensor[] | null {
    return this.bestWeights;
  }

  restoreTensors(tensors: tf.Tensor[]): void {
    this.restoreBestWeights(tensors);
  }

  /** Puts back saved best weights after a restart (see checkpoints). */
  restoreBestWeights(weights: tf.Tensor[]): void {
    this.dispose();
    this.bestWeights = weights;
  }

  dispose(): void {
    if (this.bestWeights !== null) tf.dispose(this.bestWeights);
    this.bestWeights = null;
  }
}
