import type { Callback, LoopContext } from '../callbacks.js';

/** Sets the learning rate at the start of every epoch from `lrAt(epoch)` (exponential, step). */
export class EpochScheduleCallback implements Callback {
  constructor(
    readonly name: string,
    private readonly lrAt: (epoch: number) => number,
  ) {}

  onEpochBegin(epoch: number, ctx: LoopContext): void {
    ctx.optimizer.learningRate = this.lrAt(epoch);
  }
}

/** The size of the run a per-batch schedule spans. */
export interface BatchLoop {
  totalSteps: number;
  stepsPerEpoch: number;
}

/** Sets the learning rate (and momentum, when given) before every batch from the global step. */
export class BatchScheduleCallback implements Callback {
  private loop: BatchLoop = { totalSteps: 1, stepsPerEpoch: 1 };

  constructor(
    readonly name: string,
    private readonly at: (step: number, loop: BatchLoop) => { lr: number; momentum?: number },
    /** Whether to drive the optimizer's momentum too (only when it has a non-zero one). */
    private readonly cycleMomentum = false,
  ) {}

  onTrainBegin(ctx: LoopContext): void {
    this.loop = { totalSteps: ctx.epochs * ctx.stepsPerEpoch, stepsPerEpoch: ctx.stepsPerEpoch };
  }

  onBatchBegin(step: number, ctx: LoopContext): void {
    const next = this.at(step, this.loop);
    ctx.optimizer.learningRate = next.lr;
    if (this.cycleMomentum && next.momentum !== undefined && ctx.optimizer.momentum !== null) ctx.optimizer.momentum = next.momentum;
  }
}
