import { TrainingSpec, type Job, type JobStatus, type JobType, type LrFinderOptions } from '@layerlab/sdk/spec';
import type { Scheduler } from '../dispatch/scheduler.js';
import { ApiError, FINAL } from '../errors/api-error.js';
import { validationError } from '../errors/problem.js';
import { newId } from '../ids.js';
import { readJob, readMetrics, readRecord, requestCancel, updateRecord } from '../jobs/job-store.js';
import { isTerminal, type JobRecord } from '../jobs/record.js';
import { putJson } from '../store/json.js';
import { keys } from '../store/keys.js';
import type { ObjectStore } from '../store/types.js';
import { getDataset } from './datasets.js';
import { claimIdempotencyKey } from './idempotency.js';
import { listNewestFirst, type Page } from './listing.js';
import { checkSpecAgainstDataset } from './spec-check.js';

export interface JobScope {
  store: ObjectStore;
  tenant: string;
}


export interface CreateJobInput {
  spec: TrainingSpec;
  type: JobType;
  sweepId?: string | null;
  /** Options of an lr_finder job. */
  lrFinder?: LrFinderOptions | null;
  idempotencyKey?: string | undefined;
}

async function loadJob(scope: JobScope, id: string): Promise<Job> {
  const job = await readJob({ ...scope, jobId: id });
  if (job === null) throw ApiError.notFound('job', id);
  return job;
}

/** Validates a spec against its dataset and resolves what the data decides (the task). */
async function resolveSpec(scope: JobScope, spec: TrainingSpec): Promise<TrainingSpec> {
  let dataset;
  try {
    dataset = await getDataset(scope, spec.dataset);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'NOT_FOUND') throw error;
    const message = `dataset ${spec.dataset} does not exist`;
    throw new ApiError('VALIDATION_FAILED', message, { errors: [{ path: 'dataset', message }], title: 'Invalid training spec' });
  }
  const task = checkSpecAgainstDataset(spec, dataset);
  const resolved = { ...spec, task };
  // the resolved task must still satisfy the cross-field rules (e.g. its output activation)
  const recheck = TrainingSpec.safeParse(resolved);
  if (!recheck.success) throw validationError('training spec', recheck.error.issues);
  return resolved;
}

/** Creates a queued job and hands it to the scheduler. Same Idempotency-Key + body → same job. */
export async function createJob(
  scope: JobScope & { scheduler: Scheduler; background: (work: Promise<unknown>) => void },
  input: CreateJobInput,
): Promise<{ job: Job; replayed: boolean }> {
  const spec = await resolveSpec(scope, input.spec);
  const jobId = newId('job');
  if (input.idempotencyKey !== undefined) {
    const existing = await claimIdempotencyKey({
      store: scope.store,
      tenant: scope.tenant,
      kind: 'jobs',
      key: input.idempotencyKey,
      body: { type: input.type, spec: input.spec, lrFinder: input.lrFinder ?? null },
      id: jobId,
      load: (id) => readJob({ ...scope, jobId: id }),
    });
    if (existing !== null) return { job: existing, replayed: true };
  }
  const now = new Date().toISOString();
  const record: JobRecord = {
    id: jobId,
    type: input.type,
    status: 'queued',
    progress: { epoch: 0, epochs: spec.epochs, fraction: 0 },
    metrics: null,
    best: null,
    stoppedEarly: false,
    testMetrics: null,
    modelId: null,
    result: null,
    lrFinder: input.lrFinder ?? null,
    error: null,
    backend: null,
    sweepId: input.sweepId ?? null,
    stoppedBy: null,
    attempts: 0,
    createdAt: now,
    startedAt: null,
    finishedAt: null,
    heartbeatAt: null,
    tenant: scope.tenant,
    runId: null,
  };
  const k = keys.job(scope.tenant, jobId);
  await putJson(scope.store, k.spec, spec);
  await putJson(scope.store, k.status, record, { ifNoneMatch: '*' });
  await scope.scheduler.register({ tenant: scope.tenant, jobId });
  scope.background(scope.scheduler.offerNow(jobId));
  return { job: await loadJob(scope, jobId), replayed: false };
}

export function getJob(scope: JobScope, id: string): Promise<Job> {
  return loadJob(scope, id);
}

export function listJobs(
  scope: JobScope,
  query: { limit: number; cursor?: string | undefined; status?: JobStatus | undefined; type?: JobType | undefined; sweepId?: string | undefined },
): Promise<Page<Job>> {
  return listNewestFirst({
    store: scope.store,
    prefix: keys.jobs(scope.tenant),
    limit: query.limit,
    cursor: query.cursor,
    load: (id) => readJob({ ...scope, jobId: id }),
    filter: (job) =>
      (query.status === undefined || job.status === query.status) &&
      (query.type === undefined || job.type === query.type) &&
      (query.sweepId === undefined || job.sweepId === query.sweepId),
  });
}

/**
 * Cancels a job: a queued one at once; a running one is marked and its trainer stops within an
 * epoch. Idempotent on a cancelled job; a finished one is 409.
 */
export async function cancelJob(scope: JobScope, id: string): Promise<Job> {
  const ref = { ...scope, jobId: id };
  const current = await readRecord(ref);
  if (current === null) throw ApiError.notFound('job', id);
  if (current.value.status === 'cancelled') return loadJob(scope, id);
  if (isTerminal(current.value.status)) {
    throw new ApiError('CONFLICT', `job ${id} already ${current.value.status}; only queued or running jobs can be cancelled`, FINAL);
  }
  await requestCancel(ref);
  const updated = await updateRecord(ref, (record) =>
    record.status === 'queued' ? { ...record, status: 'cancelled', finishedAt: new Date().toISOString() } : undefined,
  );
  if (updated !== null && isTerminal(updated.status) && updated.status !== 'cancelled') {
    throw new ApiError('CONFLICT', `job ${id} already ${updated.status}; only queued or running jobs can be cancelled`, FINAL);
  }
  return loadJob(scope, id);
}

export async function getMetrics(scope: JobScope, id: string) {
  await loadJob(scope, id);
  return { jobId: id, history: await readMetrics({ ...scope, jobId: id }) };
}
