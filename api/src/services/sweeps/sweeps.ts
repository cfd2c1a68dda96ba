import { sweepGoal, type Sweep, type SweepCreate, type SweepPlan } from '@layerlab/sdk/spec';
import type { Scheduler } from '../../dispatch/scheduler.js';
import { ApiError, FINAL } from '../../errors/api-error.js';
import { newId } from '../../ids.js';
import { putJson } from '../../store/json.js';
import { keys } from '../../store/keys.js';
import { getDataset } from '../datasets.js';
import type { JobScope } from '../jobs.js';
import { claimIdempotencyKey } from '../idempotency.js';
import { listNewestFirst, type Page } from '../listing.js';
import { advanceSweep } from './sweep-controller.js';
import { markSweepPending, readSweep, updateSweep, type SweepRecord } from './sweep-store.js';
import { sweepView } from './sweep-view.js';
import { planTrials } from './trial-generation.js';
import { validateTrials } from './trial-validation.js';

export type SweepScope = JobScope & { scheduler: Scheduler; background: (work: Promise<unknown>) => void };

async function datasetOf(scope: JobScope, id: string) {
  try {
    return await getDataset(scope, id);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'NOT_FOUND') throw error;
    const message = `dataset ${id} does not exist`;
    throw new ApiError('VALIDATION_FAILED', message, { errors: [{ path: 'base.dataset', message }], title: 'Invalid sweep' });
  }
}

/**
 * Plans a sweep's trials and validates every one against the schema and the dataset (422 naming
 * the parameter, before any GPU time). `dryRun` answers the plan; otherwise the sweep is stored,
 * handed to the controller, and its first `parallelism` trials are queued at once.
 */
export async function createSweep(
  scope: SweepScope,
  input: { sweep: SweepCreate; dryRun: boolean; idempotencyKey?: string | undefined },
): Promise<{ plan: SweepPlan } | { sweep: Sweep; replayed: boolean }> {
  const { sweep } = input;
  const seed = sweep.method === 'random' ? (sweep.seed ?? Math.floor(Math.random() * 2 ** 31)) : null;
  const trials = planTrials({ method: sweep.method, parameters: sweep.parameters, maxRuns: sweep.maxRuns, seed });
  validateTrials({ sweep, trials, dataset: await datasetOf(scope, sweep.base.dataset) });
  if (input.dryRun) return { plan: { method: sweep.method, seed, count: trials.length, trials } };
  const id = newId('sweep');
  if (input.idempotencyKey !== undefined) {
    const existing = await claimIdempotencyKey({
      store: scope.store,
      tenant: scope.tenant,
      kind: 'sweeps',
      key: input.idempotencyKey,
      body: sweep,
      id,
      load: async (sweepId) => ((await readSweep({ ...scope, sweepId })) === null ? null : getSweep(scope, sweepId)),
    });
    if (existing !== null) return { sweep: existing, replayed: true };
  }
  const record: SweepRecord = {
    id,
    tenant: scope.tenant,
    name: sweep.name ?? null,
    status: 'running',
    method: sweep.method,
    parameters: sweep.parameters,
    metric: { name: sweep.metric.name, goal: sweepGoal(sweep.metric) },
    maxRuns: trials.length,
    parallelism: sweep.parallelism,
    seed,
    earlyTerminate: sweep.earlyTerminate,
    base: sweep.base,
    trials,
    cancelRequested: false,
    error: null,
    createdAt: new Date().toISOString(),
    finishedAt: null,
  };
  const ref = { ...scope, sweepId: id };
  await putJson(scope.store, keys.sweep(scope.tenant, id).sweep, record, { ifNoneMatch: '*' });
  await markSweepPending(ref);
  await advanceSweep({ ...ref, scheduler: scope.scheduler, background: scope.background });
  return { sweep: await getSweep(scope, id), replayed: false };
}

/** A sweep with its runs and best trial; 404 when unknown (or another tenant's). */
export async function getSweep(scope: JobScope, id: string): Promise<Sweep> {
  const record = await readSweep({ ...scope, sweepId: id });
  if (record === null) throw ApiError.notFound('sweep', id);
  return sweepView(scope, record.value);
}

/** Sweeps newest first, each with its runs (limit 1–100, cursor = last id seen). */
export function listSweeps(scope: JobScope, query: { limit: number; cursor?: string | undefined }): Promise<Page<Sweep>> {
  return listNewestFirst({
    store: scope.store,
    prefix: keys.sweeps(scope.tenant),
    limit: query.limit,
    cursor: query.cursor,
    load: async (id) => {
      const record = await readSweep({ ...scope, sweepId: id });
      return record === null ? null : sweepView(scope, record.value);
    },
  });
}

/** Stops a sweep: no new trials, unfinished ones cancelled. Idempotent; a finished sweep is 409. */
export async function cancelSweep(scope: SweepScope, id: string): Promise<Sweep> {
  const ref = { ...scope, sweepId: id };
  const at = new Date().toISOString();
  const updated = await updateSweep(ref, (record) =>
    record.status === 'running' ? { ...record, status: 'cancelled', cancelRequested: true, finishedAt: at } : undefined,
  );
  if (updated === null) throw ApiError.notFound('sweep', id);
  if (updated.status !== 'cancelled') throw new ApiError('CONFLICT', `sweep ${id} already ${updated.status}; only a running sweep can be cancelled`, FINAL);
  await advanceSweep({ ...ref, scheduler: scope.scheduler, background: scope.background });
  return getSweep(scope, id);
}
