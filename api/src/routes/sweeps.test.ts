import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateRecord } from '../jobs/job-store.js';
import { appFixture, type AppFixture } from '../testing/app-fixture.js';

let f: AppFixture;
let datasetId: string;
beforeEach(async () => {
  f = await appFixture();
  datasetId = await f.uploadCsv();
});
afterEach(async () => f.close());

type Problem = { code: string; errors?: { path: string; message: string }[] };
type SweepBody = {
  id: string;
  status: string;
  seed: number | null;
  maxRuns: number;
  runs: { index: number; jobId: string | null; status: string; params: Record<string, unknown>; metric: number | null; stoppedBy: unknown }[];
  best: { jobId: string; metric: number } | null;
};

const sweepBody = (extra: Record<string, unknown> = {}) => ({
  name: 'size-search',
  base: { dataset: datasetId, target: 'label', epochs: 5 },
  method: 'grid',
  parameters: { 'model.hidden.layers': { values: [1, 2] }, 'model.hidden.units': { values: [8, 16] } },
  parallelism: 2,
  ...extra,
});
const post = (body: unknown, query = '') => f.call(`/v1/sweeps${query}`, { method: 'POST', json: body });

async function finishJob(jobId: string, status: 'succeeded' | 'failed') {
  await updateRecord({ store: f.store, tenant: 'local', jobId }, (record) => ({ ...record, status, finishedAt: new Date().toISOString() }));
}

describe('POST /v1/sweeps', () => {
  it('answers the trial list for ?dryRun=true and stores nothing', async () => {
    const response = await post(sweepBody(), '?dryRun=true');
    expect(response.status).toBe(200);
    const plan = (await response.json()) as { count: number; seed: number | null; trials: { params: Record<string, number> }[] };
    expect(plan.count).toBe(4);
    expect(plan.seed).toBeNull();
    expect(plan.trials.map((t) => [t.params['model.hidden.layers'], t.params['model.hidden.units']])).toEqual([[1, 8], [1, 16], [2, 8], [2, 16]]);
    expect(((await (await f.call('/v1/sweeps')).json()) as { data: unknown[] }).data).toEqual([]);
  });

  it('gives a random sweep the same trials for the same seed and shows a drawn seed', async () => {
    const random = { method: 'random', maxRuns: 5, parameters: { 'optimizer.learningRate': { min: 1e-4, max: 1e-1, distribution: 'log_uniform' } } };
    const a = await (await post(sweepBody({ ...random, seed: 11 }), '?dryRun=true')).json();
    const b = await (await post(sweepBody({ ...random, seed: 11 }), '?dryRun=true')).json();
    expect(b).toEqual(a);
    const drawn = (await (await post(sweepBody(random), '?dryRun=true')).json()) as { seed: number };
    expect(Number.isInteger(drawn.seed)).toBe(true);
  });

  it.each([
    ['a path that is not a spec field', { 'model.hidden.depth': { values: [1, 2] } }, 'parameters.model.hidden.depth', /not a field/],
    ['a value the spec rejects', { 'model.hidden.layers': { values: [2, 40] } }, 'parameters.model.hidden.layers', /trial 1 sets 40/],
    ['a learning rate out of range', { 'optimizer.learningRate': { values: [0.01, -1] } }, 'parameters.optimizer.learningRate', /trial 1/],
    ['a target column the dataset lacks', { target: { values: ['label', 'ghost'] } }, 'parameters.target', /ghost/],
    ['a continuous range in a grid', { 'optimizer.learningRate': { min: 0.001, max: 0.1 } }, 'parameters.optimizer.learningRate', /grid needs/],
    ['a path through a plain value', { 'epochs.value': { values: [1] } }, 'parameters.epochs.value', /epochs is 5/],
  ])('answers 422 for %s, naming the parameter', async (_label, parameters, path, message) => {
    const response = await post(sweepBody({ parameters }));
    expect(response.status).toBe(422);
    const body = (await response.json()) as Problem;
    expect(body.code).toBe('VALIDATION_FAILED');
    const error = body.errors?.find((e) => e.path === path);
    expect(error?.message).toMatch(message);
    expect(f.dispatcher.offers).toEqual([]);
  });

  it('sets any spec path: whole objects, lists and nested fields, each trial validated as a spec', async () => {
    const parameters = {
      optimizer: { values: [{ name: 'sgd', learningRate: 0.05 }, { name: 'nadam' }] },
      'model.hidden': { values: [[32, 16], [8]] },
      'earlyStopping.patience': { values: [3] },
    };
    const created = await post(sweepBody({ parameters, parallelism: 4 }));
    expect(created.status).toBe(201);
    const sweep = (await created.json()) as SweepBody;
    const specs = await Promise.all(sweep.runs.map(async (r) => ((await (await f.call(`/v1/jobs/${r.jobId}`)).json()) as { spec: Record<string, any> }).spec));
    expect(specs.map((spec) => [spec.optimizer.name, spec.model.hidden, spec.earlyStopping.patience])).toEqual([
      ['sgd', [32, 16], 3], ['sgd', [8], 3], ['nadam', [32, 16], 3], ['nadam', [8], 3],
    ]);
    // defaults of the swapped-in object are filled as for any job (SGD: momentum 0.9, Nesterov)
    expect(specs[0]?.optimizer).toMatchObject({ name: 'sgd', learningRate: 0.05, momentum: 0.9, nesterov: true });
    const badMix = await post(sweepBody({ parameters: { 'optimizer.momentum': { values: [0.9] } } }));
    expect(((await badMix.json()) as Problem).errors?.[0]).toEqual({ path: 'parameters.optimizer.momentum', message: '"optimizer.momentum" is not a field of optimizer (as the base spec sets it)' });
    const top = await post(sweepBody({ parameters: { epochz: { values: [3] } } }));
    expect(((await top.json()) as Problem).errors?.[0]).toEqual({ path: 'parameters.epochz', message: '"epochz" is not a field of the training spec' });
  });

  it('answers 422 for a metric the task does not report and an ASHA rung past the last epoch', async () => {
    const response = await post(sweepBody({ metric: { name: 'valMae' }, earlyTerminate: { type: 'asha', minEpochs: 5 } }));
    expect(response.status).toBe(422);
    const paths = ((await response.json()) as Problem).errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['metric.name', 'earlyTerminate.minEpochs']));
    const unknown = await post({ ...sweepBody(), base: { dataset: 'ds_0000000000000000', target: 'label' } });
    expect(((await unknown.json()) as Problem).errors?.[0]?.path).toBe('base.dataset');
  });
});

describe('the sweep controller', () => {
  it('keeps at most `parallelism` trials unfinished, starts the next as trials finish, and closes the sweep', async () => {
    const created = await post(sweepBody());
    expect(created.status).toBe(201);
    let sweep = (await created.json()) as SweepBody;
    expect(sweep.status).toBe('running');
    expect(sweep.runs.map((r) => r.status)).toEqual(['queued', 'queued', 'pending', 'pending']);
    const first = sweep.runs[0]?.jobId as string;
    const job = (await (await f.call(`/v1/jobs/${first}`)).json()) as { type: string; sweepId: string; spec: { model: { hidden: unknown } } };
    expect(job).toMatchObject({ type: 'sweep_trial', sweepId: sweep.id, spec: { model: { hidden: { layers: 1, units: 8 } } } });

    await f.scheduler.tick(); // nothing finished: nothing new
    sweep = (await (await f.call(`/v1/sweeps/${sweep.id}`)).json()) as SweepBody;
    expect(sweep.runs.filter((r) => r.jobId !== null)).toHaveLength(2);

    await finishJob(first, 'succeeded');
    await f.scheduler.tick();
    sweep = (await (await f.call(`/v1/sweeps/${sweep.id}`)).json()) as SweepBody;
    expect(sweep.runs.map((r) => r.status)).toEqual(['succeeded', 'queued', 'queued', 'pending']);

    for (const run of sweep.runs.slice(1, 3)) await finishJob(run.jobId as string, 'failed');
    await f.scheduler.tick();
    sweep = (await (await f.call(`/v1/sweeps/${sweep.id}`)).json()) as SweepBody;
    await finishJob(sweep.runs[3]?.jobId as string, 'succeeded');
    await f.scheduler.tick();
    sweep = (await (await f.call(`/v1/sweeps/${sweep.id}`)).json()) as SweepBody;
    expect(sweep.status).toBe('succeeded');
    expect(sweep.runs.map((r) => r.status)).toEqual(['succeeded', 'failed', 'failed', 'succeeded']);
    const trials = (await (await f.call(`/v1/jobs?sweepId=${sweep.id}`)).json()) as { data: unknown[] };
    expect(trials.data).toHaveLength(4);
    const late = await f.call(`/v1/sweeps/${sweep.id}/cancel`, { method: 'POST' });
    expect(late.status).toBe(409);
  });

  it('cancels a sweep: queued trials cancelled, no new ones, and answers a second cancel the same way (idempotent)', async () => {
    const sweep = (await (await post(sweepBody())).json()) as SweepBody;
    const cancelled = await f.call(`/v1/sweeps/${sweep.id}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    const body = (await cancelled.json()) as SweepBody;
    expect(body.status).toBe('cancelled');
    expect(body.runs.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'pending', 'pending']);
    await f.scheduler.tick();
    expect(((await (await f.call(`/v1/sweeps/${sweep.id}`)).json()) as SweepBody).runs.filter((r) => r.jobId !== null)).toHaveLength(2);
    expect((await f.call(`/v1/sweeps/${sweep.id}/cancel`, { method: 'POST' })).status).toBe(200);
    expect((await f.call('/v1/sweeps/swp_0000000000000000/cancel', { method: 'POST' })).status).toBe(404);
  });

  it('returns the same sweep for a repeated Idempotency-Key and 409 for another body', async () => {
    const headers = { 'idempotency-key': 'sweep-key-1' };
    const first = await f.call('/v1/sweeps', { method: 'POST', json: sweepBody(), headers });
    const again = await f.call('/v1/sweeps', { method: 'POST', json: sweepBody(), headers });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as SweepBody).id).toBe(((await first.json()) as SweepBody).id);
    const other = await f.call('/v1/sweeps', { method: 'POST', json: sweepBody({ parallelism: 1 }), headers });
    expect(other.status).toBe(409);
    expect(((await (await f.call('/v1/sweeps')).json()) as { data: unknown[] }).data).toHaveLength(1);
  });

  it('lists sweeps newest first and answers 404 for an unknown one', async () => {
    const a = (await (await post(sweepBody({ name: 'a' }))).json()) as SweepBody;
    const b = (await (await post(sweepBody({ name: 'b' }))).json()) as SweepBody;
    const list = (await (await f.call('/v1/sweeps?limit=1')).json()) as { data: SweepBody[]; nextCursor: string | null };
    expect(list.data.map((s) => s.id)).toEqual([b.id]);
    const next = (await (await f.call(`/v1/sweeps?limit=1&cursor=${list.nextCursor}`)).json()) as { data: SweepBody[] };
    expect(next.data.map((s) => s.id)).toEqual([a.id]);
    expect((a as unknown as { metric: unknown }).metric).toEqual({ name: 'valLoss', goal: 'minimize' });
    const accuracy = (await (await post(sweepBody({ metric: { name: 'val_accuracy' } }))).json()) as { metric: unknown };
    expect(accuracy.metric).toEqual({ name: 'valAccuracy', goal: 'maximize' });
    const missing = await f.call('/v1/sweeps/swp_0000000000000000');
    expect(missing.status).toBe(404);
  });
});
