import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../support/local-stack.js';
import { discRows, maxOverlap, waitForSweep, type SweepBody } from '../support/sweep-data.js';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ LAYERLAB_TRAINER_CONCURRENCY: '3' });
});
afterAll(async () => {
  await stack?.stop();
});

describe('a sweep with ASHA on the local stack', () => {
  it('runs 6 trials 3 at a time, and ASHA stops the poor ones early with recorded reasons', async () => {
    const ds = await stack.request('/v1/datasets', { method: 'POST', json: { name: 'disc', rows: discRows(240) } });
    expect(ds.status).toBe(201);
    const { id: dataset } = (await ds.json()) as { id: string };
    const created = await stack.request('/v1/sweeps', {
      method: 'POST',
      json: {
        name: 'asha-e2e',
        base: { dataset, target: 'label', epochs: 6, batchSize: 16, earlyStopping: false },
        method: 'grid',
        // the tiny learning rate comes last, so its trials meet a full rung of better rivals
        parameters: { 'optimizer.learningRate': { values: [0.03, 0.01, 0.0001] }, 'model.hidden.units': { values: [16, 4] } },
        metric: { name: 'valLoss' },
        parallelism: 3,
        earlyTerminate: { type: 'asha', minEpochs: 1, eta: 2 },
      },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as SweepBody;
    const sweep = await waitForSweep((path) => stack.request(path), id);

    expect(sweep.status).toBe('succeeded');
    expect(sweep.runs.map((r) => r.status)).toEqual(Array(6).fill('succeeded'));
    const stopped = sweep.runs.filter((r) => r.stoppedBy !== null);
    const full = sweep.runs.filter((r) => r.stoppedBy === null);
    expect(stopped.length).toBeGreaterThanOrEqual(1);
    expect(full.length).toBeGreaterThanOrEqual(1);
    // the rate-1e-4 trials barely move in one epoch: ASHA must have stopped them
    expect(sweep.runs.filter((r) => r.params['optimizer.learningRate'] === 0.0001).every((r) => r.stoppedBy !== null)).toBe(true);
    for (const run of stopped) {
      const by = run.stoppedBy as NonNullable<typeof run.stoppedBy>;
      expect(by.rule).toBe('asha');
      expect(by.epoch).toBe(2 ** by.rung); // minEpochs 1 · eta^rung
      expect(run.epochs).toBe(by.epoch); // it really stopped there
      expect(by.rank).toBeGreaterThan(Math.max(1, Math.floor(by.of / 2))); // outside the top 1/eta
      const job = (await (await stack.request(`/v1/jobs/${run.jobId}`)).json()) as Record<string, any>;
      expect(job).toMatchObject({ status: 'succeeded', stoppedEarly: true, stoppedBy: by, type: 'sweep_trial', sweepId: id });
      expect(job.modelId).toMatch(/^mdl_/);
    }
    for (const run of full) expect(run.epochs).toBe(6);

    // every trial recorded rung 0 under the sweep's prefix; the decisions came from there
    const rungDir = join(stack.dataDir, 'tenants/local/sweeps', id, 'rungs/000000');
    expect((await readdir(rungDir)).length).toBe(6);

    const best = Math.min(...sweep.runs.map((r) => r.metric ?? Number.POSITIVE_INFINITY));
    expect(sweep.best?.metric).toBe(best);

    const trials = (await (await stack.request(`/v1/jobs?sweepId=${id}&limit=100`)).json()) as { data: { startedAt: string; finishedAt: string }[] };
    const overlap = maxOverlap(trials.data.map((job) => ({ start: Date.parse(job.startedAt), end: Date.parse(job.finishedAt) })));
    expect(overlap).toBeGreaterThanOrEqual(2);
    expect(overlap).toBeLessThanOrEqual(3);

    const compare = (await (await stack.request(`/v1/compare?jobs=${sweep.runs.map((r) => r.jobId).join(',')}&metric=valLoss`)).json()) as {
      epochs: number[];
      series: { values: (number | null)[] }[];
    };
    expect(compare.epochs).toEqual([1, 2, 3, 4, 5, 6]);
    sweep.runs.forEach((run, i) => {
      const values = compare.series[i]?.values ?? [];
      expect(values.filter((v) => v !== null)).toHaveLength(run.epochs);
    });
  });
});
