import { TrainingSpec } from '@layerlab/sdk/spec';
import type { Scheduler } from '../../dispatch/scheduler.js';
import { ApiError } from '../../errors/api-error.js';
import { readRecord } from '../../jobs/job-store.js';
import { isTerminal, type JobRecord } from '../../jobs/record.js';
import type { ObjectStore } from '../../store/types.js';
import { cancelJob, createJob } from '../jobs.js';
import {
  dropSweepPending,
  readPendingSweeps,
  readSweep,
  readTrialSlots,
  updateSweep,
  writeTrialSlot,
  type SweepRecord,
  type SweepRef,
  type TrialSlot,
} from './sweep-store.js';
import { trialInput } from './trial-validation.js';

export interface SweepDriver extends SweepRef {
  scheduler: Scheduler;
  /** Work a created job leaves running (its first offer); the tick awaits it. */
  background: (work: Promise<unknown>) => void;
  log?: (message: string) => void;
}

/** The key that makes "start trial k" idempotent: a retry after a crash finds the same job. */
const trialKey = (sweepId: string, index: number) => `layerlab-sweep:${sweepId}:trial:${index}`;

async function startTrial(driver: SweepDriver, sweep: SweepRecord, index: number): Promise<void> {
  const trial = sweep.trials[index];
  if (trial === undefined) return;
  const name = `${sweep.name ?? sweep.id} · trial ${index}`.slice(0, 200);
  const spec = TrainingSpec.parse({ ...trialInput(sweep.base, trial.params), name });
  const { job } = await createJob(
    { store: driver.store, tenant: driver.tenant, scheduler: driver.scheduler, background: driver.background },
    { spec, type: 'sweep_trial', sweepId: sweep.id, idempotencyKey: trialKey(sweep.id, index) },
  );
  await writeTrialSlot(driver, { index, jobId: job.id });
}

async function finishSweep(driver: SweepDriver, change: (record: SweepRecord) => SweepRecord | undefined): Promise<void> {
  await updateSweep(driver, change);
  await dropSweepPending(driver);
}

/** Cancels the given jobs, ignoring those that finished meanwhile. */
async function cancelTrials(driver: SweepDriver, jobs: TrialSlot[]): Promise<void> {
  for (const slot of jobs) {
    await cancelJob(driver, slot.jobId).catch((error: unknown) => {
      if (!(error instanceof ApiError) || error.code !== 'CONFLICT') throw error;
    });
  }
}

/**
 * One step of a sweep, from storage alone (so any API process, after any restart, can take it):
 * keep `parallelism` trials unfinished by starting the next planned ones, cancel the rest of a
 * cancelled sweep, and close the sweep when every trial has finished.
 */
export async function advanceSweep(driver: SweepDriver): Promise<void> {
  const current = await readSweep(driver);
  if (current === null) return dropSweepPending(driver);
  const sweep = current.value;
  if (sweep.status === 'succeeded' || sweep.status === 'failed') return dropSweepPending(driver);
  const slots = await readTrialSlots(driver);
  const records = await Promise.all(slots.map((slot) => readRecord({ ...driver, jobId: slot.jobId })));
  const statusOf = (i: number): JobRecord['status'] | null => records[i]?.value.status ?? null;
  const unfinished = slots.filter((_, i) => {
    const status = statusOf(i);
    return status !== null && !isTerminal(status);
  });
  if (sweep.status === 'cancelled') {
    await cancelTrials(driver, unfinished);
    return dropSweepPending(driver);
  }
  const started = new Set(slots.map((slot) => slot.index));
  let running = unfinished.length;
  for (const trial of sweep.trials) {
    if (running >= sweep.parallelism) break;
    if (started.has(trial.index)) continue;
    try {
      await startTrial(driver, sweep, trial.index);
    } catch (error) {
      // 5xx, and a CONFLICT from a half-finished earlier attempt, are worth another tick
      if (!(error instanceof ApiError) || error.status >= 500 || error.code === 'CONFLICT') throw error;
      // the data changed under the sweep (a deleted dataset...): no later trial can start either
      const message = `trial ${trial.index} could not start: ${error.detail}`;
      driver.log?.(`sweep ${sweep.id}: ${message}`);
      await cancelTrials(driver, unfinished);
      const at = new Date().toISOString();
      return finishSweep(driver, (record) => (record.status !== 'running' ? undefined : { ...record, status: 'failed', finishedAt: at, error: { code: error.code, message } }));
    }
    started.add(trial.index);
    running += 1;
  }
  if (started.size < sweep.trials.length || running > 0) return;
  const anySucceeded = slots.some((_, i) => statusOf(i) === 'succeeded');
  const at = new Date().toISOString();
  await finishSweep(driver, (record) => (record.status !== 'running' ? undefined : { ...record, status: anySucceeded ? 'succeeded' : 'failed', finishedAt: at }));
}

/** Advances every unfinished sweep (all tenants); called from the scheduler's tick. */
export async function tickSweeps(options: { store: ObjectStore; scheduler: Scheduler; log?: (message: string) => void }): Promise<void> {
  const pending: Promise<unknown>[] = [];
  for (const marker of await readPendingSweeps(options.store)) {
    const driver: SweepDriver = {
      store: options.store,
      tenant: marker.tenant,
      sweepId: marker.sweepId,
      scheduler: options.scheduler,
      background: (work) => pending.push(work),
      ...(options.log === undefined ? {} : { log: options.log }),
    };
    await advanceSweep(driver).catch((error: unknown) => options.log?.(`sweep ${marker.sweepId}: ${String(error)}`));
  }
  await Promise.allSettled(pending);
}
