import type { Best, EpochMetrics } from '@layerlab/sdk/spec';
import type { Callback, LoopContext } from './callbacks.js';

export interface ProgressUpdate {
  history: EpochMetrics[];
  best: Best | null;
  epochs: number;
}

/** Reports each finished epoch to the job's owner; answering 'cancel' stops the loop. */
export class ProgressCallback implements Callback {
  readonly name = 'progress';

  constructor(
    private readonly report: (update: ProgressUpdate) => Promise<'continue' | 'cancel'>,
    private readonly best: () => Best | null,
  ) {}

  async onEpochEnd(_metrics: EpochMetrics, ctx: LoopContext): Promise<void> {
    const answer = await this.report({ history: ctx.history, best: this.best(), epochs: ctx.epochs });
    if (answer === 'cancel') ctx.stop('cancelled', 'cancelled by request');
  }
}
