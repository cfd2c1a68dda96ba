import type { EpochMetrics, MetricName } from '@layerlab/sdk/spec';

export type Goal = 'minimize' | 'maximize';

/** The rung index whose epoch count is `epoch` (minEpochs·eta^k), or null between rungs. */
export function rungAt(options: { epoch: number; minEpochs: number; eta: number }): number | null {
  let rungEpoch = options.minEpochs;
  for (let k = 0; rungEpoch <= options.epoch; k += 1) {
    if (rungEpoch === options.epoch) return k;
    rungEpoch *= options.eta;
  }
  return null;
}

/** The best value of `metric` over the epochs up to and including `epoch`; null if none is finite. */
export function bestUpTo(options: { history: EpochMetrics[]; epoch: number; metric: MetricName; goal: Goal }): number | null {
  let best: number | null = null;
  for (const entry of options.history) {
    const value = entry[options.metric];
    if (entry.epoch > options.epoch || typeof value !== 'number' || !Number.isFinite(value)) continue;
    if (best === null || (options.goal === 'minimize' ? value < best : value > best)) best = value;
  }
  return best;
}

export interface AshaDecision {
  continue: boolean;
  /** 1 = best; ties share the better rank. */
  rank: number;
  of: number;
  /** How many of `of` may continue: ⌊of/eta⌋, at least 1. */
  keep: number;
}

/**
 * Successive halving at one rung, decided from the values recorded there so far (`values`
 * includes this trial's own): continue only in the top ⌊n/eta⌋. While fewer than eta trials have
 * reached the rung that is 0, so at least the best one continues — a trial cannot be paused to
 * wait for rivals (the same choice as Optuna's SuccessiveHalvingPruner).
 */
export function ashaDecide(options: { value: number; values: number[]; goal: Goal; eta: number }): AshaDecision {
  const better = options.values.filter((other) => (options.goal === 'minimize' ? other < options.value : other > options.value)).length;
  const of = Math.max(options.values.length, better + 1);
  const rank = better + 1;
  const keep = Math.max(1, Math.floor(of / options.eta));
  return { continue: rank <= keep, rank, of, keep };
}
