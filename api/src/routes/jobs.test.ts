import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { putJson } from '../store/json.js';
import { keys } from '../store/keys.js';
import { updateRecord } from '../jobs/job-store.js';
import { appFixture, type AppFixture } from '../testing/app-fixture.js';

let f: AppFixture;
let datasetId: string;
beforeEach(async () => {
  f = await appFixture();
  datasetId = await f.uploadCsv();
});
afterEach(async () => f.close());

type Problem = { code: string; detail: string; errors?: { path: string; message: string }[] };
const createJob = (spec: Record<string, unknown>, headers: Record<string, string> = {}) => f.call('/v1/jobs', { method: 'POST', json: spec, headers });

describe('POST /v1/jobs', () => {
  it('queues a job with every default filled in and the task resolved from the data', async () => {
    const response = await createJob({ dataset: datasetId, target: 'price' });
    expect(response.status).toBe(201);
    const job = (await response.json()) as Record<string, any>;
    expect(job).toMatchObject({ type: 'train', status: 'queued', progress: { epoch: 0, epochs: 100, fraction: 0 }, attempts: 0, cancelRequested: false, modelId: null });
    expect(job.spec).toMatchObject({ dataset: datasetId, target: 'price', task: 'regression', batchSize: 32, epochs: 100, seed: 42, optimizer: { name: 'adam', learningRate: 0.001 } });
    expect(job.spec.earlyStopping).toEqual({ monitor: 'valLoss', mode: 'auto', patience: 10, minDelta: 0, restoreBest: true });
    await f.settle();
    expect(f.dispatcher.offers).toEqual([{ tenant: 'local', jobId: job.id }]);
    const label = (await (await createJob({ dataset: datasetId, target: 'label' })).json()) as Record<string, any>;
    expect(label.spec.task).toBe('binary');
  });

  it.each([
    ['an unknown dataset', { dataset: 'ds_0000000000000000', target: 'price' }, 'VALIDATION_FAILED', 'dataset'],
    ['a missing target column', { target: 'nope' }, 'DATASET_INVALID', 'target'],
    ['a learning rate of 0', { target: 'price', optimizer: { learningRate: 0 } }, 'VALIDATION_FAILED', 'optimizer.learningRate'],
    ['a negative learning rate', { target: 'price', optimizer: { name: 'adam', learningRate: -0.1 } }, 'VALIDATION_FAILED', 'optimizer.learningRate'],
    ['an unknown field', { target: 'price', epochz: 3 }, 'VALIDATION_FAILED', ''],
    ['an unknown feature column', { target: 'price', features: { exclude: ['ghost'] } }, 'VALIDATION_FAILED', 'features.exclude.0'],
    ['the target as a feature', { target: 'price', features: { include: ['price', 'x'] } }, 'VALIDATION_FAILED', 'features.include.0'],
    ['a task the data contradicts', { target: 'color', task: 'regression' }, 'DATASET_INVALID', 'target'],
    ['a loss that does not fit the task', { target: 'price', task: 'regression', loss: 'categorical_crossentropy' }, 'VALIDATION_FAILED', 'loss'],
    ['a split that leaves no training data', { target: 'price', split: { validation: 0.5, test: 0.45 } }, 'VALIDATION_FAILED', 'split'],
    ['a batch size of 0', { target: 'price', batchSize: 0 }, 'VALIDATION_FAILED', 'batchSize'],
  ])('answers 422 for %s, naming the field', async (_label, spec, code, path) => {
    const response = await createJob({ dataset: datasetId, ...spec });
    expect(response.status).toBe(422);
    const body = (await response.json()) as Problem;
    expect(body.code).toBe(code);
    expect(body.errors?.map((e) => e.path)).toContain(path);
  });

  it('answers 422 for non-finite numbers (1e999 parses as Infinity)', async () => {
    const response = await f.call('/v1/jobs', { method: 'POST', body: `{"dataset":"${datasetId}","target":"price","epochs":1e999}`, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).errors?.[0]?.path).toBe('epochs');
  });

  it('answers 422 for a single-class target', async () => {
    const ds = await f.call('/v1/datasets', { method: 'POST', json: { name: 'one', rows: [{ x: 1, y: 'a' }, { x: 2, y: 'a' }] } });
    const { id } = (await ds.json()) as { id: string };
    const response = await createJob({ dataset: id, target: 'y' });
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).detail).toMatch(/single value/);
  });

  it('answers 400 for malformed JSON and a wrong content type', async () => {
    const malformed = await f.call('/v1/jobs', { method: 'POST', body: '{"dataset":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as Problem).code).toBe('MALFORMED_REQUEST');
    const wrongType = await f.call('/v1/jobs', { method: 'POST', body: 'dataset=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(wrongType.status).toBe(400);
  });

  it('returns the same job for a repeated Idempotency-Key and 409 for another body', async () => {
    const spec = { dataset: datasetId, target: 'price', epochs: 5 };
    const first = await createJob(spec, { 'idempotency-key': 'key-1' });
    const again = await createJob(spec, { 'idempotency-key': 'key-1' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    const other = await createJob({ ...spec, epochs: 6 }, { 'idempotency-key': 'key-1' });
    expect(other.status).toBe(409);
    expect(other.headers.get('x-should-retry')).toBe('false');
    expect(((await other.json()) as Problem).detail).toMatch(/Idempotency-Key/);
    const list = (await (await f.call('/v1/jobs')).json()) as { data: unknown[] };
    expect(list.data).toHaveLength(1);
  });

  it('takes over a reservation whose request died before writing its job', async () => {
    const spec = { dataset: datasetId, target: 'price' };
    const first = await createJob(spec, { 'idempotency-key': 'crash' });
    const { id } = (await first.json()) as { id: string };
    // simulate a request that reserved the key 31 s ago and died before writing its job
    const [reservation] = (await f.store.list('tenants/local/idempotency/')).objects;
    const stored = JSON.parse(new TextDecoder().decode((await f.store.get(reservation?.key ?? ''))?.body)) as Record<string, unknown>;
    await putJson(f.store, reservation?.key ?? '', { ...stored, id: 'job_00000000000000000000000000', reservedAt: Date.now() - 31_000 });
    const retried = await createJob(spec, { 'idempotency-key': 'crash' });
    expect(retried.status).toBe(201);
    const retriedId = ((await retried.json()) as { id: string }).id;
    expect(retriedId).not.toBe(id);
    const replay = await createJob(spec, { 'idempotency-key': 'crash' });
    expect(((await replay.json()) as { id: string }).id).toBe(retriedId);
  });

  it('makes one job from concurrent requests with the same Idempotency-Key', async () => {
    const spec = { dataset: datasetId, target: 'price' };
    const responses = await Promise.all(Array.from({ length: 5 }, () => createJob(spec, { 'idempotency-key': 'race' })));
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
  });
});

describe('GET /v1/jobs and /v1/jobs/{id}', () => {
  it('lists newest first, filters by status, and pages', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push(((await (await createJob({ dataset: datasetId, target: 'price' })).json()) as { id: string }).id);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await f.call(`/v1/jobs/${ids[0]}/cancel`, { method: 'POST' });
    const page = (await (await f.call('/v1/jobs?limit=2')).json()) as { data: { id: string }[]; nextCursor: string };
    expect(page.data.map((j) => j.id)).toEqual([ids[2], ids[1]]);
    const rest = (await (await f.call(`/v1/jobs?limit=2&cursor=${page.nextCursor}`)).json()) as typeof page;
    expect(rest.data.map((j) => j.id)).toEqual([ids[0]]);
    const cancelled = (await (await f.call('/v1/jobs?status=cancelled')).json()) as typeof page;
    expect(cancelled.data.map((j) => j.id)).toEqual([ids[0]]);
    expect((await f.call('/v1/jobs?status=exploded')).status).toBe(422);
  });

  it('gets a job, and 404s an unknown or malformed id', async () => {
    const { id } = (await (await createJob({ dataset: datasetId, target: 'price' })).json()) as { id: string };
    expect((await f.call(`/v1/jobs/${id}`)).status).toBe(200);
    expect((await f.call('/v1/jobs/job_0000000000000000')).status).toBe(404);
    expect((await f.call('/v1/jobs/not-an-id')).status).toBe(404);
  });
});

describe('POST /v1/jobs/{id}/cancel', () => {
  it('cancels a queued job at once and is idempotent', async () => {
    const { id } = (await (await createJob({ dataset: datasetId, target: 'price' })).json()) as { id: string };
    const first = (await (await f.call(`/v1/jobs/${id}/cancel`, { method: 'POST' })).json()) as Record<string, unknown>;
    expect(first).toMatchObject({ status: 'cancelled', cancelRequested: true });
    expect(first.finishedAt).toEqual(expect.any(String));
    const second = await f.call(`/v1/jobs/${id}/cancel`, { method: 'POST' });
    expect(second.status).toBe(200);
  });

  it('marks a running job and leaves the terminal write to its trainer', async () => {
    const { id } = (await (await createJob({ dataset: datasetId, target: 'price' })).json()) as { id: string };
    await updateRecord({ store: f.store, tenant: 'local', jobId: id }, (r) => ({ ...r, status: 'running', runId: 'run_x' }));
    const job = (await (await f.call(`/v1/jobs/${id}/cancel`, { method: 'POST' })).json()) as Record<string, unknown>;
    expect(job).toMatchObject({ status: 'running', cancelRequested: true });
  });

  it('answers 409 for a finished job and 404 for an unknown one', async () => {
    const { id } = (await (await createJob({ dataset: datasetId, target: 'price' })).json()) as { id: string };
    await updateRecord({ store: f.store, tenant: 'local', jobId: id }, (r) => ({ ...r, status: 'succeeded' }));
    const response = await f.call(`/v1/jobs/${id}/cancel`, { method: 'POST' });
    expect(response.status).toBe(409);
    expect(response.headers.get('x-should-retry')).toBe('false');
    expect(((await response.json()) as Problem).detail).toMatch(/already succeeded/);
    expect((await f.call('/v1/jobs/job_0000000000000000/cancel', { method: 'POST' })).status).toBe(404);
  });
});

describe('GET /v1/jobs/{id}/metrics and /events', () => {
  const epochs = [
    { epoch: 1, loss: 0.9, valLoss: 1.0, lr: 0.001, seconds: 0.5 },
    { epoch: 2, loss: 0.5, valLoss: 0.6, lr: 0.001, seconds: 0.4 },
  ];

  it('returns the history, and 404 for an unknown job', async () => {
    const { id } = (await (await createJob({ dataset: datasetId, target: 'price' })).json()) as { id: string };
    expect(await (await f.call(`/v1/jobs/${id}/metrics`)).json()).toEqual({ jobId: id, history: [] });
    await putJson(f.store, keys.job('local', id).metrics, { history: epochs });
    expect(await (await f.call(`/v1/jobs/${id}/metrics`)).json()).toEqual({ jobId: id, history: epochs });
    expect((await f.call('/v1/jobs/job_0000000000000000/metrics')).status).toBe(404);
  });

  it('streams epochs, status and done as server-sent events, resuming after Last-Event-ID', async () => {
    const { id } = (await (await createJob({ dataset: datasetId, target: 'price' })).json()) as { id: string };
    await putJson(f.store, keys.job('local', id).metrics, { history: epochs });
    await updateRecord({ store: f.store, tenant: 'local', jobId: id }, (r) => ({ ...r, status: 'succeeded', progress: { epoch: 2, epochs: 100, fraction: 1 } }));
    const response = await f.call(`/v1/jobs/${id}/events`, { headers: { 'last-event-id': 'epoch-1' } });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await response.text();
    const events = [...text.matchAll(/event: (\w+)/g)].map((m) => m[1]);
    expect(events).toEqual(['epoch', 'status', 'done']);
    expect(text).toContain('id: epoch-2');
    expect(text).not.toContain('id: epoch-1');
    expect((await f.call('/v1/jobs/job_0000000000000000/events')).status).toBe(404);
  });
});
