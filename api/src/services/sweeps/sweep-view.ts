import type { Sweep, SweepRun } from '@layerlab/sdk/spec';
import { readMetrics, readRecord } from '../../jobs/job-store.js';
import type { JobScope } from '../jobs.js';
import { readTrialSlots, type SweepRecord } from './sweep-store.js';

/** The best of a list in a goal's direction (null for an empty list). */
export function bestOf(values: number[], goal: 'minimize' | 'maximize'): number | null {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return null;
  return goal === 'minimize' ? Math.min(...finite) : Math.max(...finite);
}

async function runOf(scope: JobScope, record: SweepRecord, trial: SweepRecord['trials'][number], jobId: string | undefined): Promise<SweepRun> {
  const pending: SweepRun = { index: trial.index, jobId: null, params: trial.params, status: 'pending', metric: null, epochs: 0, stoppedBy: null };
  if (jobId === undefined) return pending;
  const ref = { ...scope, jobId };
  const [job, history] = await Promise.all([readRecord(ref), readMetrics(ref)]);
  if (job === null) return pending;
  const values = history.map((entry) => entry[record.metric.name]).filter((value): value is number => typeof value === 'number');
  return {
    index: trial.index,
    jobId,
    params: trial.params,
    status: job.value.status,
    metric: bestOf(values, record.metric.goal),
    epochs: history.length,
    stoppedBy: job.value.stoppedBy,
  };
}

/**
 * A sweep as a user reads it: every planned trial with its job's status, best metric and stop
 * reason, and the best trial (among succeeded ones; before any succeeds, among all with a metric).
 */
export async function sweepView(scope: JobScope, record: SweepRecord): Promise<Sweep> {
  const slots = new Map((await readTrialSlots({ ...scope, sweepId: record.id })).map((slot) => [slot.index, slot.jobId]));
  const runs = await Promise.all(record.trials.map((trial) => runOf(scope, record, trial, slots.get(trial.index))));
  const scored = runs.filter((run): run is SweepRun & { metric: number; jobId: string } => run.metric !== null && run.jobId !== null);
  const finished = scored.filter((run) => run.status === 'succeeded');
  const pool = finished.length > 0 ? finished : scored;
  const bestValue = bestOf(pool.map((run) => run.metric), record.metric.goal);
  const best = pool.find((run) => run.metric === bestValue) ?? null;
  const { tenant: _tenant, trials: _trials, ...rest } = record;
  return { ...rest, runs, best: best === null ? null : { index: best.index, jobId: best.jobId, params: best.params, metric: best.metric } };
}
