import * as tf from '@tensorflow/tfjs';
import type { EpochMetrics, Job, PreprocessingArtifact } from '@layerlab/sdk/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curveCsv, curveValue, ringLabel, ringsCsv } from '../support/datasets.js';
import { startLocalStack, waitForJob, type LocalStack } from '../support/local-stack.js';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack();
});
afterAll(async () => stack?.stop());

async function upload(csv: string, name: string): Promise<{ id: string; columns: { name: string; type: string; missing: number }[] }> {
  const response = await stack.request(`/v1/datasets?name=${name}`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; columns: { name: string; type: string; missing: number }[] };
}

/** Starts a job with only dataset and target, follows it to the end, and records what a poller saw. */
async function trainWithDefaults(datasetId: string, target: string) {
  const created = await stack.request('/v1/jobs', { method: 'POST', json: { dataset: datasetId, target } });
  expect(created.status).toBe(201);
  const queued = (await created.json()) as Job;
  expect(queued.status).toBe('queued');
  const seen: Job[] = [];
  const job = (await waitForJob(stack, queued.id, { timeoutMs: 180_000, onPoll: (j) => seen.push(j as unknown as Job) })) as unknown as Job;
  const history = ((await (await stack.request(`/v1/jobs/${queued.id}/metrics`)).json()) as { history: EpochMetrics[] }).history;
  return { job, seen, history };
}

function expectContiguous(history: EpochMetrics[], keys: string[]) {
  expect(history.map((entry) => entry.epoch)).toEqual(history.map((_, i) => i + 1));
  for (const entry of history) {
    for (const key of [...keys, 'loss', 'lr', 'seconds']) expect(Number.isFinite(entry[key as keyof EpochMetrics] as number)).toBe(true);
  }
}

describe('a classification with a learnable boundary, a category and missing values', () => {
  let job: Job;
  it('profiles the upload, trains with defaults and reaches ≥ 0.9 test accuracy', async () => {
    const dataset = await upload(ringsCsv(), 'rings');
    expect(dataset.columns.map((c) => [c.name, c.type])).toEqual([['x1', 'numeric'], ['x2', 'numeric'], ['region', 'categorical'], ['noise', 'numeric'], ['label', 'categorical']]);
    expect(dataset.columns[0]?.missing).toBeGreaterThan(0);
    const run = await trainWithDefaults(dataset.id, 'label');
    job = run.job;
    expect(job.status).toBe('succeeded');
    expect(job.spec.task).toBe('binary');
    expect(job.backend).toBe('wasm');
    expect(run.seen.some((j) => j.status === 'running' && j.progress.epoch > 0 && j.metrics !== null)).toBe(true);
    expectContiguous(run.history, ['valLoss', 'accuracy', 'valAccuracy']);
    expect(job.progress.epoch).toBe(run.history.length);
    expect(job.best?.monitor).toBe('valLoss');
    expect(job.best?.value).toBe(Math.min(...run.history.map((h) => h.valLoss ?? Number.POSITIVE_INFINITY)));
    expect(typeof job.stoppedEarly).toBe('boolean');
    expect(job.testMetrics?.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(job.modelId).toMatch(/^mdl_/);
  });

  it('predicts labels with probabilities from raw rows', async () => {
    const rows = [
      { x1: 0.1, x2: -0.2, region: 'east', noise: 50 },
      { x1: 2.8, x2: 2.7, region: 'north', noise: 10 },
      { x1: -2.9, x2: 0.4, region: 'south', noise: 99 },
      { x1: 0.3, x2: 0.5, region: 'somewhere new', noise: 1 },
    ];
    const response = await stack.request(`/v1/models/${job.modelId}/predict`, { method: 'POST', json: { rows } });
    expect(response.status).toBe(200);
    const { predictions } = (await response.json()) as { predictions: { label: string; probabilities: Record<string, number> }[] };
    expect(predictions.slice(0, 3).map((p) => p.label)).toEqual([ringLabel(0.1, -0.2, 'east'), ringLabel(2.8, 2.7, 'north'), ringLabel(-2.9, 0.4, 'south')]);
    for (const prediction of predictions) {
      expect(Object.keys(prediction.probabilities).sort()).toEqual(['in', 'out']);
      expect((prediction.probabilities.in ?? 0) + (prediction.probabilities.out ?? 0)).toBeCloseTo(1, 5);
    }
  });

  it('answers 422 with the path of a missing or mistyped feature', async () => {
    const response = await stack.request(`/v1/models/${job.modelId}/predict`, { method: 'POST', json: { rows: [{ x1: 'lots', x2: 1, noise: 3 }] } });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path).sort()).toEqual(['rows.0.region', 'rows.0.x1']);
  });

  it('exports a LayersModel that tf.loadLayersModel loads and that agrees with the API', async () => {
    const artifacts = (await (await stack.request(`/v1/models/${job.modelId}/artifacts`)).json()) as { files: { name: string; url: string }[] };
    const url = (name: string) => artifacts.files.find((file) => file.name === name)?.url ?? '';
    const model = await tf.loadLayersModel(url('model.json'));
    const pre = (await (await fetch(url('preprocessing.json'))).json()) as PreprocessingArtifact;
    expect(model.inputs[0]?.shape).toEqual([null, pre.inputSize]);
    // replay preprocessing.json by hand for one row, as a user without our SDK would
    const row: Record<string, number | string> = { x1: 0.1, x2: -0.2, region: 'east', noise: 50 };
    const input: number[] = [];
    for (const feature of pre.features) {
      if (feature.type === 'numeric') input.push(((row[feature.name] as number) - feature.center) / feature.scale);
      else input.push(...feature.categories.map((c) => (c === row[feature.name] ? 1 : 0)), feature.categories.includes(String(row[feature.name])) ? 0 : 1);
    }
    const local = (await (model.predict(tf.tensor2d([input])) as tf.Tensor).data())[0] ?? Number.NaN;
    const api = (await (await stack.request(`/v1/models/${job.modelId}/predict`, { method: 'POST', json: { rows: [row] } })).json()) as { predictions: { probabilities: Record<string, number> }[] };
    expect(pre.target).toEqual({ type: 'binary', name: 'label', classes: ['in', 'out'] });
    expect(local).toBeCloseTo(api.predictions[0]?.probabilities.out ?? Number.NaN, 4);
    model.dispose();
  });
});

describe('a regression with a known function', () => {
  it('reaches R² ≥ 0.9 and predicts values in the target units', async () => {
    const dataset = await upload(curveCsv(), 'curve');
    const { job, history } = await trainWithDefaults(dataset.id, 'y');
    expect(job.status).toBe('succeeded');
    expect(job.spec.task).toBe('regression');
    expectContiguous(history, ['valLoss', 'mae', 'valMae', 'valR2']);
    expect(job.testMetrics?.r2).toBeGreaterThanOrEqual(0.9);
    const points = [
      { x1: 1, x2: 0.5, grade: 'a' as const },
      { x1: -1.5, x2: -1, grade: 'b' as const },
      { x1: 0, x2: 1.5, grade: 'c' as const },
    ];
    const response = await stack.request(`/v1/models/${job.modelId}/predict`, { method: 'POST', json: { rows: points } });
    const { predictions } = (await response.json()) as { predictions: { value: number }[] };
    predictions.forEach((prediction, i) => {
      const point = points[i] as (typeof points)[number];
      // the target's std is ≈ 6: an error under 1.5 means the model learned the function, not the mean
      expect(Math.abs(prediction.value - curveValue(point.x1, point.x2, point.grade))).toBeLessThan(1.5);
    });
  });
});

describe('cancellation and failures', () => {
  it('stops a running job within one epoch of the cancel', async () => {
    const dataset = await upload(curveCsv(3000, 5), 'long');
    const created = await stack.request('/v1/jobs', { method: 'POST', json: { dataset: dataset.id, target: 'y', epochs: 2000, earlyStopping: false, batchSize: 8 } });
    const { id } = (await created.json()) as Job;
    let job: Job;
    do {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await (await stack.request(`/v1/jobs/${id}`)).json()) as Job;
    } while (job.progress.epoch < 2 && job.status !== 'failed');
    const cancel = await stack.request(`/v1/jobs/${id}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(200);
    const epochAtCancel = ((await cancel.json()) as Job).progress.epoch;
    const final = (await waitForJob(stack, id, { timeoutMs: 60_000 })) as unknown as Job;
    expect(final.status).toBe('cancelled');
    expect(final.modelId).toBeNull();
    expect(final.progress.epoch).toBeLessThanOrEqual(epochAtCancel + 1);
  });

  it('fails a job whose data turns out unusable, with a code and a message', async () => {
    const dataset = await upload('a,b,y\n1,,1\n2,,0\n3,,1\n4,,0\n', 'holes');
    const created = await stack.request('/v1/jobs', { method: 'POST', json: { dataset: dataset.id, target: 'y', preprocessing: { missing: 'drop' }, features: { include: ['a', 'b'] } } });
    expect(created.status).toBe(201);
    const final = (await waitForJob(stack, ((await created.json()) as Job).id)) as unknown as Job;
    expect(final.status).toBe('failed');
    expect(final.error).toEqual({ code: 'DATASET_INVALID', message: expect.stringMatching(/missing feature/) });
  });
});
