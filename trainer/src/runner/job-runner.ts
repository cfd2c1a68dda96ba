import { DatasetError } from '@layerlab/api/data';
import { isCancelRequested, isTerminal, readRecord, readSpec, updateRecord, writeMetrics, type JobRecord, type JobRef } from '@layerlab/api/jobs';
import type { ObjectStore } from '@layerlab/api/store';
import { LrFinderOptions, type Backend, type JobError, type LrFinderResult, type StoppedBy } from '@layerlab/sdk/spec';
import { deleteCheckpoint } from '../checkpoint/checkpoint-store.js';
import { CancelledError, DivergedError, LeaseLostError } from '../errors.js';
import { runLrFinder } from '../pipeline/run-lr-finder.js';
import { runTraining, type TrainingOutcome } from '../pipeline/run-training.js';
import { trialCallbacks } from '../sweeps/trial-callbacks.js';
import type { ProgressUpdate } from '../train/progress-callback.js';

export type ClaimResult = 'claimed' | 'busy' | 'not_queued' | 'not_found';

export interface JobRunnerOptions {
  store: ObjectStore;
  backend: Backend;
  /** Jobs run at once (a GPU container: 1). */
  concurrency: number;
  /** How often a running job proves it is alive between epochs; default 15 s. */
  heartbeatMs?: number;
  log?: (message: string) => void;
}

const now = () => new Date().toISOString();

function randomRunId(): string {
  return `run_${[...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** A finished run's error, in the words a user reads on the Job. */
export function jobErrorOf(error: unknown): JobError {
  if (error instanceof DatasetError) return { code: 'DATASET_INVALID', message: error.message };
  if (error instanceof DivergedError) return { code: 'TRAINING_DIVERGED', message: error.message };
  return { code: 'INTERNAL', message: `training failed: ${error instanceof Error ? error.message : String(error)}` };
}

/**
 * Claims queued jobs (compare-and-swap to running with a fresh lease) and runs them, writing
 * progress, heartbeats and the one terminal state. A run that loses its lease stops writing.
 */
export class JobRunner {
  private readonly active = new Set<string>();

  constructor(private readonly options: JobRunnerOptions) {}

  get busy(): boolean {
    return this.active.size >= this.options.concurrency;
  }

  get running(): string[] {
    return [...this.active];
  }

  private log(message: string): void {
    (this.options.log ?? console.warn)(message);
  }

  /** Takes a queued job and starts it in the background. */
  async claim(job: { tenant: string; jobId: string }): Promise<ClaimResult> {
    if (this.busy) return 'busy';
    const ref: JobRef = { store: this.options.store, tenant: job.tenant, jobId: job.jobId };
    const runId = randomRunId();
    this.active.add(job.jobId); // hold the slot while claiming
    try {
      const updated = await updateRecord(ref, (record) =>
        record.status !== 'queued'
          ? undefined
          : {
              ...record,
              status: 'running',
              runId,
              attempts: record.attempts + 1,
              startedAt: record.startedAt ?? now(),
              heartbeatAt: now(),
              backend: this.options.backend,
            },
      );
      if (updated === null) {
        this.active.delete(job.jobId);
        return 'not_found';
      }
      if (updated.runId !== runId) {
        this.active.delete(job.jobId);
        return 'not_queued';
      }
    } catch (error) {
      this.active.delete(job.jobId);
      throw error;
    }
    void this.execute(ref, runId).finally(() => this.active.delete(job.jobId));
    return 'claimed';
  }

  /** Writes `mutate(record)` only while this run still holds the job. */
  private async write(ref: JobRef, runId: string, mutate: (record: JobRecord) => JobRecord): Promise<JobRecord> {
    let lost = false;
    const result = await updateRecord(ref, (record) => {
      if (record.runId !== runId || record.status !== 'running') {
        lost = true;
        return undefined;
      }
      return mutate(record);
    });
    if (lost || result === null) throw new LeaseLostError(`job ${ref.jobId} is no longer held by ${runId}`);
    return result;
  }

  private async execute(ref: JobRef, runId: string): Promise<void> {
    let leaseLost = false;
    const heartbeat = setInterval(() => {
      this.write(ref, runId, (record) => ({ ...record, heartbeatAt: now() })).catch((error: unknown) => {
        if (error instanceof LeaseLostError) leaseLost = true;
      });
    }, this.options.heartbeatMs ?? 15_000);
    try {
      const spec = await readSpec(ref);
      if (spec === null) throw new Error(`job ${ref.jobId} has no spec`);
      const job = (await readRecord(ref))?.value;
      if (job?.type === 'lr_finder') {
        const shouldCancel = async () => leaseLost || (await isCancelRequested(ref));
        const result = await runLrFinder({ store: ref.store, tenant: ref.tenant, spec, finder: job.lrFinder ?? LrFinderOptions.parse({}), shouldCancel });
        await this.finishLrFinder(ref, runId, result);
        return;
      }
      const trial = await trialCallbacks({ ...ref, sweepId: job?.sweepId ?? null });
      const outcome = await runTraining({
        store: ref.store,
        tenant: ref.tenant,
        jobId: ref.jobId,
        spec,
        backend: this.options.backend,
        callbacks: trial.callbacks,
        checkpoint: {
          runId,
          beforeWrite: async () => {
            // a run presumed dead must not overwrite the checkpoint its successor resumes from
            if (leaseLost || (await readRecord(ref))?.value.runId !== runId) throw new LeaseLostError(`job ${ref.jobId} was taken over`);
          },
        },
        progress: async (update) => {
          if (leaseLost) throw new LeaseLostError(`job ${ref.jobId} was taken over`);
          await this.reportProgress(ref, runId, update);
          return (await isCancelRequested(ref)) ? 'cancel' : 'continue';
        },
      });
      await this.finish(ref, runId, { ...outcome, stoppedBy: trial.stoppedBy() });
    } catch (error) {
      await this.fail(ref, runId, error);
    } finally {
      clearInterval(heartbeat);
      await this.dropCheckpointIfFinished(ref);
    }
  }

  private async reportProgress(ref: JobRef, runId: string, update: ProgressUpdate): Promise<void> {
    const latest = update.history[update.history.length - 1] ?? null;
    await writeMetrics(ref, update.history);
    await this.write(ref, runId, (record) => ({
      ...record,
      progress: { epoch: latest?.epoch ?? 0, epochs: update.epochs, fraction: (latest?.epoch ?? 0) / update.epochs },
      metrics: latest,
      best: update.best,
      heartbeatAt: now(),
    }));
  }

  private async finish(ref: JobRef, runId: string, outcome: TrainingOutcome & { stoppedBy: StoppedBy | null }): Promise<void> {
    // the cancel flag is read right before the one terminal write: a cancel that lost the race
    // to completion leaves the job succeeded, never both
    const cancelled = await isCancelRequested(ref);
    const last = outcome.history[outcome.history.length - 1];
    await this.write(ref, runId, (record) => ({
      ...record,
      status: cancelled ? 'cancelled' : 'succeeded',
      runId: null,
      finishedAt: now(),
      heartbeatAt: now(),
      progress: { epoch: last?.epoch ?? 0, epochs: record.progress.epochs, fraction: 1 },
      metrics: last ?? null,
      best: outcome.best,
      stoppedEarly: outcome.stoppedEarly,
      stoppedBy: outcome.stoppedBy,
      testMetrics: outcome.testMetrics,
      modelId: cancelled ? null : outcome.modelId,
      result: outcome.result,
    }));
  }

  /** An lr_finder job's one terminal write: its curve and suggestion in `result`. */
  private async finishLrFinder(ref: JobRef, runId: string, result: LrFinderResult): Promise<void> {
    const cancelled = await isCancelRequested(ref);
    await this.write(ref, runId, (record) => ({
      ...record,
      status: cancelled ? 'cancelled' : 'succeeded',
      runId: null,
      finishedAt: now(),
      heartbeatAt: now(),
      progress: { ...record.progress, fraction: 1 },
      result: cancelled ? null : result,
    }));
  }

  private async fail(ref: JobRef, runId: string, error: unknown): Promise<void> {
    if (error instanceof LeaseLostError) {
      this.log(`job ${ref.jobId}: ${error.message}; stopping this run`);
      return;
    }
    const cancelled = error instanceof CancelledError;
    if (!cancelled && !(error instanceof DatasetError) && !(error instanceof DivergedError)) {
      this.log(`job ${ref.jobId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    try {
      await this.write(ref, runId, (record) => ({
        ...record,
        status: cancelled ? 'cancelled' : 'failed',
        runId: null,
        finishedAt: now(),
        error: cancelled ? null : jobErrorOf(error),
      }));
    } catch (writeError) {
      this.log(`job ${ref.jobId}: could not record the end of the run: ${String(writeError)}`);
    }
  }

  /** A finished job's checkpoint only costs storage; a job still running elsewhere keeps it. */
  private async dropCheckpointIfFinished(ref: JobRef): Promise<void> {
    try {
      const record = await readRecord(ref);
      if (record !== null && isTerminal(record.value.status)) await deleteCheckpoint(ref);
    } catch (error) {
      this.log(`job ${ref.jobId}: could not remove its checkpoint: ${String(error)}`);
    }
  }

  /** The record of a job, for health reports. */
  async status(ref: JobRef) {
    return (await readRecord(ref))?.value ?? null;
  }
}
