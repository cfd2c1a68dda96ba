import { ResolvedTrainingSpec, type EpochMetrics, type Job } from '@layerlab/sdk/spec';
import { getJson, getJsonWithEtag, putJson, updateJson, type Mutation } from '../store/json.js';
import { keys } from '../store/keys.js';
import type { ObjectStore } from '../store/types.js';
import { JobRecord, MetricsFile } from './record.js';

export interface JobRef {
  store: ObjectStore;
  tenant: string;
  jobId: string;
}

export function readRecord({ store, tenant, jobId }: JobRef) {
  return getJsonWithEtag(store, keys.job(tenant, jobId).status, JobRecord);
}

export function readSpec({ store, tenant, jobId }: JobRef) {
  return getJson(store, keys.job(tenant, jobId).spec, ResolvedTrainingSpec);
}

/** Compare-and-swap update of status.json; the mutator returns undefined to change nothing. */
export function updateRecord(ref: JobRef, mutate: Mutation<JobRecord>) {
  return updateJson(ref.store, keys.job(ref.tenant, ref.jobId).status, JobRecord, mutate);
}

export async function isCancelRequested({ store, tenant, jobId }: JobRef): Promise<boolean> {
  return (await store.head(keys.job(tenant, jobId).cancel)) !== null;
}

export async function requestCancel({ store, tenant, jobId }: JobRef): Promise<void> {
  await store.put(keys.job(tenant, jobId).cancel, new Date().toISOString());
}

export async function readMetrics({ store, tenant, jobId }: JobRef): Promise<EpochMetrics[]> {
  return (await getJson(store, keys.job(tenant, jobId).metrics, MetricsFile))?.history ?? [];
}

export async function writeMetrics({ store, tenant, jobId }: JobRef, history: EpochMetrics[]): Promise<void> {
  await putJson(store, keys.job(tenant, jobId).metrics, { history });
}

/** The public Job: the record without internals, with its spec and cancel flag. */
export function toJob(options: { record: JobRecord; spec: Job['spec']; cancelRequested: boolean }): Job {
  const { tenant: _tenant, runId: _runId, ...rest } = options.record;
  return { ...rest, spec: options.spec, cancelRequested: options.cancelRequested };
}

/** Reads a whole Job, or null when any part is missing (a job still being created). */
export async function readJob(ref: JobRef): Promise<Job | null> {
  const [record, spec, cancelRequested] = await Promise.all([readRecord(ref), readSpec(ref), isCancelRequested(ref)]);
  if (record === null || spec === null) return null;
  return toJob({ record: record.value, spec, cancelRequested });
}
