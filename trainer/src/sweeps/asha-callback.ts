import { readRungEntries, readRungEntry, writeRungEntry, type RungEntry, type SweepRef } from '@layerlab/api/sweeps';
import type { AshaRule, EpochMetrics, MetricName, StoppedBy } from '@layerlab/sdk/spec';
import type { Callback, LoopContext } from '../train/callbacks.js';
import { ashaDecide, bestUpTo, rungAt, type Goal } from './asha-rule.js';

export interface AshaCallbackOptions {
  sweep: SweepRef;
  jobId: string;
  rule: AshaRule;
  metric: { name: MetricName; goal: Goal };
}

/**
 * ASHA as a training callback. At each rung (minEpochs·eta^k epochs, below the last epoch) the
 * trial records its metric under the sweep's prefix in storage, reads every entry recorded at
 * that rung (by trials on any machine) and stops itself unless it ranks in the top 1/eta.
 * A stopped trial keeps its model; `stoppedBy` says where and why.
 */
export class AshaCallback implements Callback {
  readonly name = 'asha';
  stoppedBy: StoppedBy | null = null;

  constructor(private readonly options: AshaCallbackOptions) {}

  /** A run resumed after its rung decision: honour the decision already recorded. */
  async onTrainBegin(ctx: LoopContext): Promise<void> {
    const last = ctx.history[ctx.history.length - 1];
    if (last === undefined) return;
    for (let epoch = last.epoch; epoch >= 1; epoch -= 1) {
      const rung = this.rung(epoch);
      if (rung === null) continue;
      const entry = await readRungEntry({ ...this.options.sweep, rung, jobId: this.options.jobId });
      if (entry?.decision?.continue === false) this.stop(ctx, { rung, entry, rank: entry.decision.rank, of: entry.decision.of });
      return;
    }
  }

  async onEpochEnd(metrics: EpochMetrics, ctx: LoopContext): Promise<void> {
    if (ctx.stopReason !== null || metrics.epoch >= ctx.epochs) return;
    const rung = this.rung(metrics.epoch);
    if (rung === null) return;
    const { metric } = this.options;
    const value = bestUpTo({ history: ctx.history, epoch: metrics.epoch, metric: metric.name, goal: metric.goal });
    if (value === null) return;
    const ref = { ...this.options.sweep, rung };
    const entry: RungEntry = {
      jobId: this.options.jobId,
      epoch: metrics.epoch,
      metric: metric.name,
      goal: metric.goal,
      value,
      recordedAt: new Date().toISOString(),
      decision: null,
    };
    await writeRungEntry(ref, entry);
    const values = (await readRungEntries(ref)).filter((other) => other.jobId !== entry.jobId).map((other) => other.value);
    const decision = ashaDecide({ value, values: [value, ...values], goal: metric.goal, eta: this.options.rule.eta });
    await writeRungEntry(ref, { ...entry, decision: { continue: decision.continue, rank: decision.rank, of: decision.of } });
    if (!decision.continue) this.stop(ctx, { rung, entry, rank: decision.rank, of: decision.of });
  }

  private rung(epoch: number): number | null {
    return rungAt({ epoch, minEpochs: this.options.rule.minEpochs, eta: this.options.rule.eta });
  }

  private stop(ctx: LoopContext, at: { rung: number; entry: RungEntry; rank: number; of: number }): void {
    this.stoppedBy = { rule: 'asha', rung: at.rung, epoch: at.entry.epoch, rank: at.rank, of: at.of, metric: at.entry.metric, value: at.entry.value };
    ctx.stop('pruned', `ASHA: ${at.entry.metric} ${at.entry.value} ranked ${at.rank} of ${at.of} at rung ${at.rung} (epoch ${at.entry.epoch})`);
  }
}
