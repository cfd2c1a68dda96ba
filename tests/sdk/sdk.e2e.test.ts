import {
  AuthenticationError,
  JobCancelledError,
  Layerlab,
  NotFoundError,
  UnprocessableEntityError,
  type EpochMetrics,
  type JobEvent,
} from '@layerlab/sdk/node';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../support/local-stack.js';

let stack: LocalStack;
let client: Layerlab;
let datasetId: string;

// x in [-5, 5); y is "pos" for x > 0: a tiny net learns it in a few epochs
const CSV = ['x,y', ...Array.from({ length: 200 }, (_, i) => {
  const x = ((i * 37) % 100) / 10 - 5;
  return `${x},${x > 0 ? 'pos' : 'neg'}`;
})].join('\n');

beforeAll(async () => {
  stack = await startLocalStack();
  client = new Layerlab({ baseURL: stack.url, apiKey: null });
  datasetId = (await client.datasets.upload({ file: CSV, name: 'tiny' })).id;
});
afterAll(async () => {
  await stack?.stop();
});

describe('the SDK against the local stack', () => {
  it('upload → train → wait with progress → predict', async () => {
    const dataset = await client.datasets.retrieve(datasetId);
    expect(dataset).toMatchObject({ name: 'tiny', rows: 200, format: 'csv' });
    expect(dataset.columns.map((c) => [c.name, c.type])).toEqual([
      ['x', 'numeric'],
      ['y', 'categorical'],
    ]);

    const progress: EpochMetrics[] = [];
    const job = await client.jobs.createAndWait(
      { dataset: datasetId, target: 'y', epochs: 15, name: 'sdk-e2e' },
      { pollInterval: 100, onProgress: (metrics) => void progress.push(metrics) },
    );
    expect(job.status).toBe('succeeded');
    expect(job.spec.task).toBe('binary');
    expect(job.backend).toBe('wasm');
    expect(job.testMetrics?.accuracy).toBeGreaterThan(0.9);

    // onProgress saw exactly the history the API recorded, once each, in order
    const { history } = await client.jobs.metrics(job.id);
    expect(progress).toEqual(history);
    expect(progress.map((m) => m.epoch)).toEqual(Array.from({ length: job.progress.epoch }, (_, i) => i + 1));

    const model = await client.models.retrieve(job.modelId as string);
    expect(model).toMatchObject({ task: 'binary', target: 'y', jobId: job.id });
    const { predictions } = await client.models.predict(model.id, { rows: [{ x: 3.5 }, { x: -3.5 }] });
    const labels = predictions.map((p) => ('label' in p ? p.label : null));
    expect(labels).toEqual(['pos', 'neg']);
    for (const p of predictions) {
      const sum = 'probabilities' in p ? Object.values(p.probabilities).reduce((a, b) => a + b, 0) : NaN;
      expect(sum).toBeCloseTo(1, 5);
    }

    const artifacts = await client.models.artifacts(model.id);
    expect(artifacts.files.map((f) => f.name).sort()).toEqual(['model.json', 'preprocessing.json', 'weights.bin']);
    const modelJson = JSON.parse(new TextDecoder().decode(await client.models.downloadArtifact(model.id, 'model.json'))) as { format?: string };
    expect(modelJson.format).toBe('layers-model');
  });

  it('streams status, every epoch and done over SSE', async () => {
    const job = await client.jobs.create({ dataset: datasetId, target: 'y', epochs: 6, earlyStopping: false });
    const events: JobEvent[] = [];
    for await (const event of client.jobs.stream(job.id)) events.push(event);
    const epochs = events.filter((e): e is Extract<JobEvent, { event: 'epoch' }> => e.event === 'epoch').map((e) => e.data);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(epochs).toEqual((await client.jobs.metrics(job.id)).history);
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { id: job.id, status: 'succeeded' } });
    expect(events[0]?.event).toBe('status');
  });

  it('predicts values for a regression target', async () => {
    const rows = Array.from({ length: 160 }, (_, i) => {
      const x = (i % 80) / 10 - 4;
      return { x, t: 2 * x + 1 };
    });
    const dataset = await client.datasets.upload({ name: 'line', rows });
    const job = await client.jobs.createAndWait(
      { dataset: dataset.id, target: 't', epochs: 60, optimizer: { learningRate: 0.01 }, earlyStopping: false },
      { pollInterval: 100 },
    );
    expect(job.spec.task).toBe('regression');
    const { predictions } = await client.models.predict(job.modelId as string, { rows: [{ x: -3 }, { x: 0 }, { x: 3 }] });
    const values = predictions.map((p) => ('value' in p ? p.value : NaN));
    // t = 2x + 1 → -5, 1, 7; a 2×64 relu net after 60 epochs is within 1 of each
    expect(values[0]).toBeCloseTo(-5, -0.3);
    expect(values[1]).toBeCloseTo(1, -0.3);
    expect(values[2]).toBeCloseTo(7, -0.3);
  });

  it('uploads from a file path (Node entry), named after the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'layerlab-sdk-e2e-'));
    try {
      await writeFile(join(dir, 'houses.csv'), 'sqft,rooms,price\n1200,3,250000\n800,2,180000\n1500,4,320000\n');
      const dataset = await client.datasets.upload({ path: join(dir, 'houses.csv') });
      expect(dataset).toMatchObject({ name: 'houses', rows: 3 });
      expect(dataset.columns.find((c) => c.name === 'price')).toMatchObject({ type: 'numeric', min: 180000, max: 320000 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('maps API errors to typed errors with problem details', async () => {
    const missing = (await client.datasets.retrieve('ds_01JNOSUCHDATASET0000000').catch((e: unknown) => e)) as NotFoundError;
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(missing.requestId).toMatch(/^req_/);

    const invalid = (await client.jobs
      .create({ dataset: datasetId, target: 'y', optimizer: { learningRate: -1 } })
      .catch((e: unknown) => e)) as UnprocessableEntityError;
    expect(invalid).toBeInstanceOf(UnprocessableEntityError);
    expect(invalid.code).toBe('VALIDATION_FAILED');
    expect(invalid.errors.map((e) => e.path)).toContain('optimizer.learningRate');
    expect(invalid.message).toMatch(/^422 VALIDATION_FAILED: .*optimizer\.learningRate/);

    const noTarget = (await client.jobs.create({ dataset: datasetId, target: 'price' }).catch((e: unknown) => e)) as UnprocessableEntityError;
    expect(noTarget.status).toBe(422);
    expect(noTarget.errors.map((e) => e.path)).toContain('target');
  });

  it('makes one job when the response to a creation is lost and the SDK retries', async () => {
    let posts = 0;
    // the API receives and handles the first POST; its answer is dropped on the way back
    const lossyFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === 'POST' && String(input).endsWith('/v1/jobs')) {
        posts += 1;
        if (posts === 1) throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
      }
      return response;
    };
    const lossy = new Layerlab({ baseURL: stack.url, apiKey: null, fetch: lossyFetch });
    const name = `idempotent-${Date.now()}`;
    const job = await lossy.jobs.create({ dataset: datasetId, target: 'y', epochs: 2, name });
    expect(posts).toBe(2);
    const same: string[] = [];
    for await (const listed of client.jobs.list({ limit: 100 })) if (listed.spec.name === name) same.push(listed.id);
    expect(same).toEqual([job.id]);
    await client.jobs.wait(job.id, { pollInterval: 100 });
  });

  it('pages through lists with for await', async () => {
    const uploaded: string[] = [];
    for (const name of ['p1', 'p2', 'p3']) uploaded.push((await client.datasets.upload({ name, rows: [{ a: 1, b: 2 }] })).id);
    const seen: string[] = [];
    for await (const dataset of client.datasets.list({ limit: 2 })) seen.push(dataset.id);
    // newest first, across pages of two
    expect(seen.slice(0, 3)).toEqual([...uploaded].reverse());
    expect(seen).toContain(datasetId);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('cancels a job; wait rejects with JobCancelledError (or resolves when asked not to reject)', async () => {
    const job = await client.jobs.create({ dataset: datasetId, target: 'y', epochs: 5000, earlyStopping: false });
    const cancelled = await client.jobs.cancel(job.id);
    expect(cancelled.status === 'cancelled' || cancelled.cancelRequested).toBe(true);
    await expect(client.jobs.wait(job.id, { pollInterval: 100 })).rejects.toBeInstanceOf(JobCancelledError);
    expect((await client.jobs.wait(job.id, { rejectOnFailure: false })).status).toBe('cancelled');
  });

  it('runs the LR range test and types its result', async () => {
    const finder = await client.lrFinder.createAndWait({ dataset: datasetId, target: 'y', minLr: 1e-4, maxLr: 1, steps: 30 }, { pollInterval: 100 });
    expect(finder).toMatchObject({ type: 'lr_finder', status: 'succeeded', lrFinder: { minLr: 1e-4, maxLr: 1, steps: 30 } });
    const { curve, suggestion } = finder.result;
    expect(curve.length).toBeGreaterThan(10);
    expect(curve.length).toBeLessThanOrEqual(30);
    // the lr grows geometrically from minLr: each step multiplies it by (maxLr / minLr)^(1 / (steps − 1))
    expect((curve[1] as { lr: number }).lr / (curve[0] as { lr: number }).lr).toBeCloseTo(10 ** (4 / 29), 6);
    expect(suggestion.lr).toBeGreaterThanOrEqual(1e-4);
    expect(suggestion.lr).toBeLessThanOrEqual(1);
    expect(client.lrFinder.result(await client.jobs.retrieve(finder.id))).toEqual(finder.result);
  });

  it('deletes a dataset; it is gone afterwards', async () => {
    const dataset = await client.datasets.upload({ name: 'doomed', rows: [{ a: 1 }] });
    await client.datasets.delete(dataset.id);
    await expect(client.datasets.retrieve(dataset.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('compares two runs epoch by epoch', async () => {
    const a = await client.jobs.createAndWait({ dataset: datasetId, target: 'y', epochs: 3, earlyStopping: false }, { pollInterval: 100 });
    const b = await client.jobs.createAndWait({ dataset: datasetId, target: 'y', epochs: 5, earlyStopping: false }, { pollInterval: 100 });
    const comparison = await client.jobs.compare({ jobs: [a.id, b.id], metric: 'val_loss' });
    expect(comparison.metric).toBe('valLoss');
    expect(comparison.epochs).toEqual([1, 2, 3, 4, 5]);
    expect(comparison.series.map((s) => s.values.filter((v) => v !== null).length)).toEqual([3, 5]);
  });

  it('runs a small sweep and waits for its leaderboard', async () => {
    const params = {
      base: { dataset: datasetId, target: 'y', epochs: 3, earlyStopping: false as const },
      method: 'grid' as const,
      parameters: { 'model.hidden.units': { values: [4, 8] } },
      parallelism: 2,
    };
    const plan = await client.sweeps.plan(params);
    expect(plan.trials.map((t) => t.params)).toEqual([{ 'model.hidden.units': 4 }, { 'model.hidden.units': 8 }]);
    const sweep = await client.sweeps.create(params);
    const done = await client.sweeps.wait(sweep.id, { pollInterval: 200 });
    expect(done.status).toBe('succeeded');
    expect(done.runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(done.best?.jobId).toMatch(/^job_/);
    const trials: string[] = [];
    for await (const job of client.jobs.list({ sweepId: sweep.id })) trials.push(job.id);
    expect(trials.sort()).toEqual(done.runs.map((r) => r.jobId as string).sort());
  });
});

describe('with API keys', () => {
  it('rejects a missing key with AuthenticationError and accepts the right one', async () => {
    const keyed = await startLocalStack({ LAYERLAB_API_KEYS: 'sk_test_sdk_e2e:acme' });
    try {
      const anonymous = new Layerlab({ baseURL: keyed.url, apiKey: null });
      const error = await anonymous.datasets.list().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
      const page = await new Layerlab({ baseURL: keyed.url, apiKey: 'sk_test_sdk_e2e' }).datasets.list();
      expect(page.data).toEqual([]);
    } finally {
      await keyed.stop();
    }
  });
});
