import * as tf from '@tensorflow/tfjs';
import '@layerlab/trainer/layers';
import type { EpochMetrics, Job, LrFinderResult, Model, TrainResult } from '@layerlab/sdk/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curveCsv, ringsCsv } from '../support/datasets.js';
import { startLocalStack, waitForJob, type LocalStack } from '../support/local-stack.js';

let stack: LocalStack;
let rings: string;
let curve: string;
beforeAll(async () => {
  stack = await startLocalStack();
  const upload = async (csv: string, name: string) => {
    const response = await stack.request(`/v1/datasets?name=${name}`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  rings = await upload(ringsCsv(400), 'rings');
  curve = await upload(curveCsv(400), 'curve');
});
afterAll(async () => stack?.stop());

async function run(path: string, body: unknown): Promise<Job> {
  const created = await stack.request(path, { method: 'POST', json: body });
  expect(created.status, await created.clone().text()).toBe(201);
  const job = (await waitForJob(stack, ((await created.json()) as Job).id, { timeoutMs: 180_000 })) as unknown as Job;
  expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
  return job;
}

const history = async (jobId: string) => ((await (await stack.request(`/v1/jobs/${jobId}/metrics`)).json()) as { history: EpochMetrics[] }).history;

describe('POST /v1/lr-finder', () => {
  it('runs the range test as an lr_finder job whose result is the curve and the suggestions', async () => {
    const job = await run('/v1/lr-finder', { dataset: rings, target: 'label', minLr: 1e-5, maxLr: 10, steps: 60, smoothing: 0.9 });
    expect(job.type).toBe('lr_finder');
    expect(job.lrFinder).toMatchObject({ minLr: 1e-5, maxLr: 10, steps: 60 });
    const result = job.result as LrFinderResult;
    expect(result.curve.length).toBeGreaterThan(10);
    expect(result.curve.length).toBeLessThanOrEqual(60);
    expect(result.curve[0]?.lr).toBeCloseTo(1e-5, 12);
    // exponential growth: lr_i = minLr·(maxLr/minLr)^(i/(steps − 1))
    result.curve.forEach((point, i) => expect(point.lr).toBeCloseTo(1e-5 * 1e6 ** (i / 59), 8));
    expect(result.suggestion.lr).toBeGreaterThanOrEqual(1e-5);
    expect(result.suggestion.lr).toBeLessThanOrEqual(10);
    if (result.divergedAt !== null) expect(result.halfDivergence).toBe(result.divergedAt / 2);
    expect(job.modelId).toBeNull();
    const listed = (await (await stack.request('/v1/jobs?type=lr_finder')).json()) as { data: Job[] };
    expect(listed.data.map((j) => j.id)).toContain(job.id);
  });

  it('refuses minLr ≥ maxLr, an unknown dataset and a malformed body with problem details', async () => {
    const bad = await stack.request('/v1/lr-finder', { method: 'POST', json: { dataset: rings, target: 'label', minLr: 1, maxLr: 0.1 } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain('maxLr');
    const missing = await stack.request('/v1/lr-finder', { method: 'POST', json: { dataset: 'ds_0000000000000000000000', target: 'label' } });
    expect(missing.status).toBe(422);
    const malformed = await stack.request('/v1/lr-finder', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
  });
});

describe('a knob-heavy job through the API', () => {
  it('1cycle per batch (lr of each epoch = the formula at its last batch), Nadam, clipnorm, BatchNorm, RReLU, dropout, L2', async () => {
    const spec = {
      dataset: rings,
      target: 'label',
      split: { validation: 0.15, test: 0.15, stratify: false },
      model: { hidden: [32, 16], activation: 'rrelu', batchNorm: true, dropout: { rate: 0.1 }, weightDecay: 1e-4 },
      optimizer: { name: 'nadam', learningRate: 0.01 },
      schedule: { type: 'one_cycle', maxLr: 0.02, pctStart: 0.25 },
      clip: { norm: 1 },
      batchSize: 32,
      epochs: 4,
      earlyStopping: false,
    };
    const job = await run('/v1/jobs', spec);
    const epochs = await history(job.id);
    expect(epochs).toHaveLength(4);
    // 400 rows, 60 test + 60 validation → 280 train rows, 9 batches an epoch, 36 steps
    const anneal = (start: number, end: number, pct: number) => end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
    const upEnd = 0.25 * 36 - 1;
    const lrAt = (step: number) => (step <= upEnd ? anneal(0.02 / 25, 0.02, step / upEnd) : anneal(0.02, 0.02 / 25 / 1e4, (step - upEnd) / (35 - upEnd)));
    epochs.forEach((epoch, i) => expect(epoch.lr).toBeCloseTo(lrAt(9 * (i + 1) - 1), 10));
    expect((job.result as TrainResult).learningRate).toBe(0.01);
    expect(epochs[3]?.loss).toBeLessThan(epochs[0]?.loss ?? 0);

    const model = (await (await stack.request(`/v1/models/${job.modelId}`)).json()) as Model;
    expect(model.architecture.layers.map((l) => l.type)).toEqual(['Dense', 'BatchNormalization', 'RReLU', 'Dropout', 'Dense', 'BatchNormalization', 'RReLU', 'Dropout', 'Dense']);
    const predicted = await stack.request(`/v1/models/${job.modelId}/predict`, { method: 'POST', json: { rows: [{ x1: 0, x2: 0, region: 'north', noise: 1 }] } });
    expect(predicted.status).toBe(200);

    // the exported model loads in plain tfjs once our layers are registered (import '@layerlab/trainer/layers')
    const files = (await (await stack.request(`/v1/models/${job.modelId}/artifacts`)).json()) as { files: { name: string; url: string }[] };
    const fetchFile = async (name: string) => {
      const url = files.files.find((f) => f.name === name)?.url ?? '';
      return fetch(url.startsWith('http') ? url : `${stack.url}${url}`);
    };
    const modelJson = (await (await fetchFile('model.json')).json()) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    const weights = await (await fetchFile('weights.bin')).arrayBuffer();
    const loaded = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights), weightData: weights }));
    expect(loaded.layers.map((l) => l.getClassName())).toContain('RReLU');
    loaded.dispose();
  });

  it('learningRate "auto" records the LR finder run; SWA reports metrics before and after; huber with a tanh output', async () => {
    const job = await run('/v1/jobs', {
      dataset: curve,
      target: 'y',
      model: { hidden: [32, 32], activation: 'selu', dropout: { rate: 0.05 }, output: { activation: 'tanh' } },
      loss: 'huber',
      huberDelta: 0.5,
      optimizer: { name: 'sgd', learningRate: 'auto', momentum: 0.9, nesterov: true },
      clip: { globalNorm: 5 },
      epochs: 6,
      earlyStopping: false,
      swa: { start: 4, lr: 0.002 },
    });
    const result = job.result as TrainResult;
    expect(result.lrFinder?.curve.length).toBeGreaterThan(10);
    expect(result.learningRate).toBe(result.lrFinder?.suggestion.lr);
    const epochs = await history(job.id);
    expect(epochs.slice(0, 3).map((e) => e.lr)).toEqual([result.learningRate, result.learningRate, result.learningRate]);
    expect(epochs.slice(3).map((e) => e.lr)).toEqual([0.002, 0.002, 0.002]);
    expect(result.swa).toMatchObject({ startEpoch: 4, snapshots: 3, applied: true });
    expect(result.swa?.after?.test?.loss).toBeCloseTo(job.testMetrics?.loss ?? Number.NaN, 6);
    expect(Number.isFinite(result.swa?.before.test?.loss ?? Number.NaN)).toBe(true);
  });

  it('a cnn spec whose inputShape does not match the features is a 422 at creation', async () => {
    const response = await stack.request('/v1/jobs', { method: 'POST', json: { dataset: rings, target: 'label', model: { type: 'cnn', inputShape: [4, 4, 1] } } });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors.map((e) => e.path).sort()).toEqual(['features', 'model.inputShape']);
  });
});
