import type { EpochMetrics } from '@layerlab/sdk/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, waitForJob, type LocalStack } from '../support/local-stack.js';
import { twoClassRows } from '../support/tiny-data.js';

// The local stack's trainer is a real child process; kill() sends it SIGKILL mid-run, as a GPU
// platform reclaiming a container would. The API restarts it, the scheduler notices the silent
// heartbeat (8 s here, generous for a loaded CI machine) and offers the job again, and the new process resumes from the checkpoint.
let stack: LocalStack;
let datasetId: string;
beforeAll(async () => {
  stack = await startLocalStack({ LAYERLAB_HEARTBEAT_TIMEOUT_MS: '8000', LAYERLAB_MAX_ATTEMPTS: '3' });
  const created = await stack.request('/v1/datasets', { method: 'POST', json: { name: 'blobs', rows: twoClassRows(3000) } });
  datasetId = ((await created.json()) as { id: string }).id;
});
afterAll(async () => {
  await stack?.stop();
});

async function history(jobId: string): Promise<EpochMetrics[]> {
  return ((await (await stack.request(`/v1/jobs/${jobId}/metrics`)).json()) as { history: EpochMetrics[] }).history;
}

async function waitForEpoch(jobId: string, epoch: number): Promise<EpochMetrics[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const seen = await history(jobId);
    if (seen.length >= epoch) return seen;
    if (Date.now() > deadline) throw new Error(`job ${jobId} never reached epoch ${epoch}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a trainer killed mid-job', () => {
  it('resumes from its checkpoint: every epoch exactly once, the finished ones kept as they were', async () => {
    // stateful knobs on purpose: plateau schedule, early-stopping bookkeeping, SWA from epoch 2
    const spec = {
      dataset: datasetId,
      target: 'label',
      epochs: 12,
      batchSize: 16,
      seed: 7,
      schedule: { type: 'plateau', patience: 1, factor: 0.5 },
      earlyStopping: { monitor: 'valLoss', patience: 50 },
      swa: { start: 2, lr: 0.0005 },
    };
    const job = (await (await stack.request('/v1/jobs', { method: 'POST', json: spec })).json()) as { id: string };
    const before = await waitForEpoch(job.id, 3);
    const firstPid = stack.trainer?.pid;
    stack.trainer?.kill('SIGKILL');

    const done = await waitForJob(stack, job.id, { timeoutMs: 120_000 });
    expect(done.status).toBe('succeeded');
    expect(done.attempts).toBe(2);
    expect(stack.trainer?.pid).not.toBe(firstPid);
    const after = await history(job.id);
    expect(after.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // resumed, not restarted: the epochs finished before the kill come back byte for byte from
    // the checkpoint, wall-clock `seconds` included (a rerun would measure new times)
    for (const metrics of before) expect(after[metrics.epoch - 1]).toEqual(metrics);
    expect((done.progress as { epoch: number }).epoch).toBe(12);
    expect((done.testMetrics as { accuracy: number }).accuracy).toBeGreaterThan(0.9);
    // SWA's running average crossed the restart: one snapshot for each of epochs 2..12
    expect((done.result as { swa: { snapshots: number } }).swa.snapshots).toBe(11);
    // a finished job's checkpoint is removed
    const left = await stack.store.list(`tenants/local/jobs/${job.id}/checkpoint/`);
    expect(left.objects).toEqual([]);
  });

  it('fails with MAX_ATTEMPTS and a clear error once the trainer died LAYERLAB_MAX_ATTEMPTS times', async () => {
    const spec = { dataset: datasetId, target: 'label', epochs: 200, batchSize: 16, earlyStopping: false, seed: 7 };
    const job = (await (await stack.request('/v1/jobs', { method: 'POST', json: spec })).json()) as { id: string };
    let kills = 0;
    let done: Record<string, unknown> | null = null;
    while (done === null) {
      const current = (await (await stack.request(`/v1/jobs/${job.id}`)).json()) as Record<string, unknown>;
      if (['succeeded', 'failed', 'cancelled'].includes(current.status as string)) {
        done = current;
        break;
      }
      // kill each run once it has made progress in this attempt
      if (current.status === 'running' && (current.attempts as number) > kills && stack.trainer?.pid !== null) {
        await waitForEpoch(job.id, 1);
        stack.trainer?.kill('SIGKILL');
        kills += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(kills).toBe(3);
    expect(done.status).toBe('failed');
    expect(done.attempts).toBe(3);
    expect(done.error).toMatchObject({ code: 'MAX_ATTEMPTS' });
    expect((done.error as { message: string }).message).toMatch(/stopped responding .* started 3 times \(LAYERLAB_MAX_ATTEMPTS=3\)/);
  });
});
