import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { keys } from '@layerlab/api/store';
import { FsStore } from '@layerlab/api/store/fs';
import { parseCsv } from '@layerlab/api/data';
import { TrainingSpec, type Dataset, type TrainingSpecInput } from '@layerlab/sdk/spec';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knobCsv, storeDataset } from '../testing/knob-data.js';
import type { Callback } from '../train/callbacks.js';
import { buildModel } from './build-model.js';
import { disposePrepared, prepareData } from './prepare.js';
import { runTraining } from './run-training.js';

const TENANT = 'seeds';
let root: string;
let store: FsStore;
let dataset: Dataset;
const csv = knobCsv(120);

beforeAll(async () => {
  await tf.setBackend('wasm');
  root = await mkdtemp(join(tmpdir(), 'layerlab-seeds-'));
  store = new FsStore({ root });
  dataset = await storeDataset({ store, tenant: TENANT, csv });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every stateful knob at once: BatchNorm, dropout, RReLU's random slopes, clipping, 1cycle, SWA, early stopping. */
const busy: Partial<TrainingSpecInput> = {
  target: 'cls',
  features: { exclude: ['bin', 'y', 'z', 'f1', 'f2'] },
  model: { hidden: [16, 8], activation: 'rrelu', batchNorm: true, dropout: { rate: 0.2 }, weightDecay: 1e-4 },
  optimizer: { name: 'nadam', learningRate: 0.01 },
  schedule: { type: 'one_cycle' },
  clip: { globalNorm: 1 },
  swa: { start: 2, lr: 0.001 },
  earlyStopping: { patience: 10 },
  batchSize: 16,
  epochs: 4,
};

function train(overrides: Partial<TrainingSpecInput>, callbacks: Callback[] = []) {
  const spec = TrainingSpec.parse({ dataset: dataset.id, ...busy, ...overrides });
  return runTraining({ store, tenant: TENANT, jobId: 'job_0000000000seeds', spec, backend: 'wasm', checkpoint: false, callbacks, progress: async () => 'continue' });
}

describe('no tensor leaks', () => {
  it('tf.memory().numTensors is the same after every epoch (all stateful knobs on)', async () => {
    const counts: number[] = [];
    const recorder: Callback = { name: 'recorder', onEpochEnd: () => void counts.push(tf.memory().numTensors) };
    const before = tf.memory().numTensors;
    await train({}, [recorder]);
    expect(counts).toHaveLength(4);
    // epoch 1 ends before SWA's first snapshot; from epoch 2 its running average is held
    expect(counts[2]).toBe(counts[1]);
    expect(counts[3]).toBe(counts[1]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the same without SWA: epoch 2 ends with as many tensors as epoch 1', async () => {
    const counts: number[] = [];
    await train({ swa: false }, [{ name: 'recorder', onEpochEnd: () => void counts.push(tf.memory().numTensors) }]);
    expect(new Set(counts).size).toBe(1);
  });
});

describe('seeds', () => {
  it('the same seed gives the same split and the same initial weights', () => {
    const table = parseCsv(csv, { delimiter: ',' });
    const spec = TrainingSpec.parse({ dataset: dataset.id, ...busy, seed: 5 });
    const draw = (seed: number) => {
      const data = prepareData({ table, meta: dataset, spec: { ...spec, seed } });
      const model = buildModel({ spec: { ...spec, seed }, task: data.task, inputSize: data.artifact.inputSize, outputUnits: 3 });
      const out = { trainX: Array.from(data.train.x.dataSync()), testY: Array.from(data.test?.y.dataSync() ?? []), weights: model.getWeights().map((w) => Array.from(w.dataSync())) };
      model.dispose();
      disposePrepared(data);
      return out;
    };
    const a = draw(5);
    const b = draw(5);
    const c = draw(6);
    expect(b).toEqual(a);
    expect(c.trainX).not.toEqual(a.trainX);
    expect(c.weights[0]).not.toEqual(a.weights[0]);
  });

  it('the same seed gives the same metrics and the same trained weights; another seed does not', async () => {
    const weightsOf = async (modelId: string) => Array.from((await store.get(keys.model(TENANT, modelId).weights))?.body ?? []);
    const first = await train({ seed: 11 });
    const second = await train({ seed: 11 });
    const other = await train({ seed: 12 });
    expect(second.history.map(({ seconds: _s, ...m }) => m)).toEqual(first.history.map(({ seconds: _s, ...m }) => m));
    expect(second.testMetrics).toEqual(first.testMetrics);
    expect(await weightsOf(second.modelId)).toEqual(await weightsOf(first.modelId));
    expect(other.history[0]?.loss).not.toBe(first.history[0]?.loss);
  });
});
