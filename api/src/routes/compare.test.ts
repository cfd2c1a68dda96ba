import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeMetrics } from '../jobs/job-store.js';
import { appFixture, SMALL_CSV, type AppFixture } from '../testing/app-fixture.js';

let f: AppFixture;
let jobs: string[];
const epoch = (n: number, loss: number, valLoss?: number, lr = 0.01) => ({ epoch: n, loss, ...(valLoss === undefined ? {} : { valLoss }), lr, seconds: 1 });

beforeEach(async () => {
  f = await appFixture();
  const ds = (await (await f.call('/v1/datasets?name=small', { method: 'POST', body: SMALL_CSV, headers: { 'content-type': 'text/csv' } })).json()) as { id: string };
  jobs = [];
  for (const name of ['short', 'long']) {
    const job = (await (await f.call('/v1/jobs', { method: 'POST', json: { dataset: ds.id, target: 'price', name } })).json()) as { id: string };
    jobs.push(job.id);
  }
  const [short, long] = jobs as [string, string];
  await writeMetrics({ store: f.store, tenant: 'local', jobId: short }, [epoch(1, 1.0, 0.9), epoch(2, 0.5, 0.6)]);
  await writeMetrics({ store: f.store, tenant: 'local', jobId: long }, [epoch(1, 2.0, 1.5, 0.1), epoch(2, 1.0), epoch(3, 0.4, 0.3)]);
});
afterEach(async () => f.close());

describe('GET /v1/compare', () => {
  it('aligns every job on the union of epochs, null where a value is missing, with each best', async () => {
    const response = await f.call(`/v1/compare?jobs=${jobs.join(',')}&metric=val_loss`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { metric: string; goal: string; epochs: number[]; series: { jobId: string; name: string; values: (number | null)[]; best: unknown }[] };
    expect(body.metric).toBe('valLoss');
    expect(body.goal).toBe('minimize');
    expect(body.epochs).toEqual([1, 2, 3]);
    expect(body.series.map((s) => [s.jobId, s.name, s.values, s.best])).toEqual([
      [jobs[0], 'short', [0.9, 0.6, null], { epoch: 2, value: 0.6 }],
      [jobs[1], 'long', [1.5, null, 0.3], { epoch: 3, value: 0.3 }],
    ]);
    const lr = (await (await f.call(`/v1/compare?jobs=${jobs[1]}&metric=lr`)).json()) as { series: { values: number[] }[] };
    expect(lr.series[0]?.values).toEqual([0.1, 0.01, 0.01]);
  });

  it('answers 404 for an unknown job and 422 for a bad id or metric', async () => {
    expect((await f.call(`/v1/compare?jobs=${jobs[0]},job_0000000000000000&metric=loss`)).status).toBe(404);
    const bad = await f.call(`/v1/compare?jobs=${jobs[0]},nope`);
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('query.jobs.1');
    const metric = await f.call(`/v1/compare?jobs=${jobs[0]}&metric=height`);
    expect(metric.status).toBe(422);
    expect(((await metric.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('query.metric');
  });
});
