import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecord } from '@layerlab/api/jobs';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../support/local-stack.js';
import { discRows, waitForSweep } from '../support/sweep-data.js';

let dataDir = '';
const stacks: LocalStack[] = [];
afterAll(async () => {
  for (const stack of stacks) await stack.close().catch(() => {});
  if (dataDir !== '') await rm(dataDir, { recursive: true, force: true });
});

/** The API and its trainer on a data folder that outlives them. */
async function start(): Promise<LocalStack> {
  const stack = await startLocalStack({ LAYERLAB_DATA_DIR: dataDir, LAYERLAB_TRAINER_CONCURRENCY: '2', LAYERLAB_HEARTBEAT_TIMEOUT_MS: '3000' });
  stacks.push(stack);
  return stack;
}

describe('a sweep across an API restart', () => {
  it('continues to completion after the API and its trainer stop mid-sweep, with one job per trial', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'layerlab-sweep-restart-'));
    const first = await start();
    const ds = await first.request('/v1/datasets', { method: 'POST', json: { name: 'disc', rows: discRows(240) } });
    const { id: dataset } = (await ds.json()) as { id: string };
    const created = await first.request('/v1/sweeps', {
      method: 'POST',
      json: {
        base: { dataset, target: 'label', epochs: 12, batchSize: 16, earlyStopping: false },
        method: 'random',
        seed: 3,
        maxRuns: 5,
        parameters: { 'model.hidden.units': { min: 4, max: 16, distribution: 'int_uniform' }, 'optimizer.learningRate': { min: 0.003, max: 0.03, distribution: 'log_uniform' } },
        parallelism: 2,
      },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    // stop everything once a trial has finished and others are under way
    const midway = await waitForSweep((path) => first.request(path), id, {
      until: (s) => s.runs.some((r) => r.status === 'succeeded') && s.runs.some((r) => r.status === 'running'),
    });
    expect(midway.status).toBe('running');
    await first.close();
    // what storage says now that nothing runs: the trials this stop interrupted
    const frozen = await Promise.all(midway.runs.flatMap((r) => (r.jobId === null ? [] : [readRecord({ store: first.store, tenant: 'local', jobId: r.jobId })])));
    const interrupted = frozen.filter((record) => record?.value.status === 'running').map((record) => record?.value.id);
    const finishedAtStop = frozen.filter((record) => ['succeeded', 'failed', 'cancelled'].includes(record?.value.status ?? '')).length;
    expect(finishedAtStop).toBeGreaterThanOrEqual(1);
    expect(finishedAtStop).toBeLessThan(5); // the rest is left for the second API

    const second = await start();
    const done = await waitForSweep((path) => second.request(path), id);
    expect(done.status).toBe('succeeded');
    expect(done.runs.map((r) => r.status)).toEqual(Array(5).fill('succeeded'));
    expect(done.runs.every((r) => r.epochs === 12)).toBe(true);
    const jobs = (await (await second.request(`/v1/jobs?sweepId=${id}&limit=100`)).json()) as { data: { id: string; attempts: number }[] };
    expect(jobs.data.map((j) => j.id).sort()).toEqual(done.runs.map((r) => r.jobId).sort());
    // the trials the restart interrupted were offered again and resumed (a second attempt)
    for (const jobId of interrupted) expect(jobs.data.find((j) => j.id === jobId)?.attempts).toBeGreaterThanOrEqual(2);
    const planned = (await (await second.request('/v1/sweeps?limit=1')).json()) as { data: { runs: { params: unknown }[] }[] };
    expect(planned.data[0]?.runs.map((r) => r.params)).toEqual(done.runs.map((r) => r.params));
  });
});
