import { metricMode, type EpochMetrics, type MetricName } from '@layerlab/sdk/spec';
import type { Callback, LoopContext } from '../callbacks.js';

export interface PlateauOptions {
  monitor: MetricName;
  factor: number;
  patience: number;
  minDelta: number;
  cooldown: number;
  minLr: number;
}

export interface PlateauState {
  best: number | null;
  wait: number;
  cooldownCounter: number;
}

/**
 * Keras's ReduceLROnPlateau: after `patience` epochs without an improvement of more than
 * minDelta in `monitor`, lr ← max(lr·factor, minLr), then `cooldown` epochs before counting again.
 */
export class PlateauCallback implements Callback {
  readonly name = 'plateau';
  private readonly mode: 'min' | 'max';
  private best: number | null = null;
  private wait = 0;
  private cooldownCounter = 0;

  constructor(private readonly options: PlateauOptions) {
    this.mode = metricMode(options.monitor);
  }

  onEpochEnd(metrics: EpochMetrics, ctx: LoopContext): void {
    const value = metrics[this.options.monitor];
    if (typeof value !== 'number' || !Number.isFinite(value)) return;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    const improved =
      this.best === null || (this.mode === 'min' ? value < this.best - this.options.minDelta : value > this.best + this.options.minDelta);
    if (improved) {
      this.best = value;
      this.wait = 0;
      return;
    }
    if (this.cooldownCounter > 0) return;
    this.wait += 1;
    if (this.wait < this.options.patience) return;
    const lr = ctx.optimizer.learningRate;
    // as in Keras: at minLr already, nothing changes and the wait keeps counting
    if (lr <= this.options.minLr) return;
    ctx.optimizer.learningRate = Math.max(lr * this.options.factor, this.options.minLr);
    this.cooldownCounter = this.options.cooldown;
    this.wait = 0;
  }

  state(): PlateauState {
    // the lr itself travels with the optimizer in checkpoints
    return { best: this.best, wait: this.wait, cooldownCounter: this.cooldownCounter };
  }

  restore(state: unknown): void {
    const saved = state as PlateauState;
    this.best = saved.best;
    this.wait = saved.wait;
    this.cooldownCounter = saved.cooldownCounter;
  }
}
