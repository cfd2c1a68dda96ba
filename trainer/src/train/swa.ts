import * as tf from '@tensorflow/tfjs';
import type { EpochMetrics, Swa } from '@layerlab/sdk/spec';
import type { Callback, LoopContext } from './callbacks.js';

export interface SwaState {
  snapshots: number;
}

/** The first epoch of SWA: `start` < 1 is a fraction of the epochs (0.75 of 100 → 76), ≥ 1 an epoch number. */
export function swaStartEpoch(start: number, epochs: number): number {
  return start < 1 ? Math.floor(start * epochs) + 1 : Math.floor(start);
}

/**
 * Stochastic Weight Averaging (Izmailov et al. 2018): from the start epoch the lr is held at
 * `swa.lr` (overriding any schedule: this callback runs after it), and at the end of every
 * `every`-th epoch the trainable weights join a running average. `apply` swaps the average in.
 */
export class SwaCallback implements Callback {
  readonly name = 'swa';
  readonly startEpoch: number;
  private average: tf.Tensor[] | null = null;
  private snapshots = 0;

  constructor(
    private readonly options: Swa,
    epochs: number,
  ) {
    this.startEpoch = swaStartEpoch(options.start, epochs);
  }

  onEpochBegin(epoch: number, ctx: LoopContext): void {
    if (epoch >= this.startEpoch) ctx.optimizer.learningRate = this.options.lr;
  }

  onBatchBegin(step: number, ctx: LoopContext): void {
    if (Math.floor(step / ctx.stepsPerEpoch) + 1 >= this.startEpoch) ctx.optimizer.learningRate = this.options.lr;
  }

  onEpochEnd(metrics: EpochMetrics, ctx: LoopContext): void {
    if (metrics.epoch < this.startEpoch || (metrics.epoch - this.startEpoch) % this.options.every !== 0) return;
    this.add(ctx.model);
  }

  /** Adds the model's current trainable weights to the average: avg ← avg + (w − avg)/(n + 1). */
  add(model: tf.LayersModel): void {
    const weights = model.trainableWeights.map((weight) => weight.read());
    const n = this.snapshots;
    const next = tf.tidy(() =>
      weights.map((w, i) => {
        const current = this.average?.[i];
        return current === undefined ? tf.clone(w) : tf.add(current, tf.div(tf.sub(w, current), n + 1));
      }),
    );
    if (this.average !== null) tf.dispose(this.average);
    this.average = next;
    this.snapshots = n + 1;
  }

  /** How many weight snapshots are in the average. */
  get count(): number {
    return this.snapshots;
  }

  /** Puts the averaged weights into the model; false (and nothing changes) when none were taken. */
  apply(model: tf.LayersModel): boolean {
    if (this.average === null) return false;
    model.trainableWeights.forEach((weight, i) => {
      const value = this.average?.[i];
      if (value !== undefined) weight.write(value);
    });
    return true;
  }

  state(): SwaState {
    return { snapshots: this.snapshots };
  }

  restore(state: unknown): void {
    this.snapshots = (state as SwaState).snapshots;
  }

  tensors(): tf.Tensor[] | null {
    return this.average;
  }

  restoreTensors(tensors: tf.Tensor[]): void {
    this.dispose();
    this.average = tensors;
  }

  dispose(): void {
    if (this.average !== null) tf.dispose(this.average);
    this.average = null;
  }
}
