import { ID_PATTERN } from '@layerlab/sdk/spec';

const TENANT_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

function checkId(id: string): string {
  if (!ID_PATTERN.test(id)) throw new Error(`refusing to build a key from an invalid id: ${JSON.stringify(id)}`);
  return id;
}

/** Tenants are configured by operators; still, only a narrow alphabet reaches a key. */
export function checkTenant(tenant: string): string {
  if (!TENANT_PATTERN.test(tenant)) throw new Error(`invalid tenant name: ${JSON.stringify(tenant)}`);
  return tenant;
}

function checkIndex(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index > 999_999) throw new Error(`refusing to build a key from index ${index}`);
  return String(index).padStart(6, '0');
}

const tenantRoot = (tenant: string) => `tenants/${checkTenant(tenant)}`;

/** Every storage key, built from validated ids only. */
export const keys = {
  datasets: (tenant: string) => `${tenantRoot(tenant)}/datasets/`,
  dataset: (tenant: string, id: string) => {
    const root = `${tenantRoot(tenant)}/datasets/${checkId(id)}`;
    return { root: `${root}/`, data: `${root}/data.csv`, meta: `${root}/meta.json` };
  },
  jobs: (tenant: string) => `${tenantRoot(tenant)}/jobs/`,
  job: (tenant: string, id: string) => {
    const root = `${tenantRoot(tenant)}/jobs/${checkId(id)}`;
    return {
      root: `${root}/`,
      spec: `${root}/spec.json`,
      status: `${root}/status.json`,
      metrics: `${root}/metrics.json`,
      result: `${root}/result.json`,
      cancel: `${root}/cancel`,
      checkpoint: `${root}/checkpoint/`,
      checkpointFile: (name: string) => `${root}/checkpoint/${name}`,
    };
  },
  models: (tenant: string) => `${tenantRoot(tenant)}/models/`,
  model: (tenant: string, id: string) => {
    const root = `${tenantRoot(tenant)}/models/${checkId(id)}`;
    return {
      root: `${root}/`,
      modelJson: `${root}/model.json`,
      weights: `${root}/weights.bin`,
      preprocessing: `${root}/preprocessing.json`,
      card: `${root}/card.json`,
    };
  },
  sweeps: (tenant: string) => `${tenantRoot(tenant)}/sweeps/`,
  sweep: (tenant: string, id: string) => {
    const root = `${tenantRoot(tenant)}/sweeps/${checkId(id)}`;
    return {
      root: `${root}/`,
      sweep: `${root}/sweep.json`,
      trials: `${root}/trials/`,
      /** trials/{index}.json → the job of trial `index` (zero-padded so listing is in order). */
      trial: (index: number) => `${root}/trials/${checkIndex(index)}.json`,
      /** rungs/{k}/{jobId}.json → a trial's metric at ASHA rung k. */
      rung: (rung: number) => `${root}/rungs/${checkIndex(rung)}/`,
      rungEntry: (rung: number, jobId: string) => `${root}/rungs/${checkIndex(rung)}/${checkId(jobId)}.json`,
    };
  },
  idempotency: (tenant: string, keyHash: string) => {
    if (!/^[0-9a-f]{64}$/.test(keyHash)) throw new Error('idempotency key hash must be sha-256 hex');
    return `${tenantRoot(tenant)}/idempotency/${keyHash}.json`;
  },
  /** Jobs not yet finished, across tenants: what the scheduler scans. */
  pending: () => 'dispatch/pending/',
  pendingJob: (jobId: string) => `dispatch/pending/${checkId(jobId)}.json`,
  /** Sweeps not yet finished, across tenants: what the sweep controller scans each tick. */
  pendingSweeps: () => 'dispatch/sweeps/',
  pendingSweep: (sweepId: string) => `dispatch/sweeps/${checkId(sweepId)}.json`,
};
