import * as tf from '@tensorflow/tfjs';
import { FsStore } from '@layerlab/api/store/fs';
import { EarlyStopping, type EpochMetrics } from '@layerlab/sdk/spec';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Callback } from '../train/callbacks.js';
import { EarlyStoppingCallback } from '../train/early-stopping.js';
import { fit } from '../train/fit-loop.js';
import { meanSquaredError } from '../train/losses.js';
import { Adam } from '../train/optimizers/adam.js';
import { CheckpointCallback } from './checkpoint-callback.js';
import { deleteCheckpoint, readCheckpoint } from './checkpoint-store.js';

// y = 2·x0 − x1 + 0.5 on 40 fixed points: a small regression every run sees identically.
const xs = Array.from({ length: 40 }, (_, i) => [((i * 7) % 40) / 20 - 1, ((i * 13) % 40) / 20 - 1]);
const ys = xs.map(([a = 0, b = 0]) => [2 * a - b + 0.5]);
const target = { type: 'regression' as const, names: ['y'], center: [0], scale: [1] };

let root: string;
let store: FsStore;
let train: { x: tf.Tensor; y: tf.Tensor; count: number };
let validation: { x: tf.Tensor; y: tf.Tensor; count: number };
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'layerlab-ckpt-'));
  store = new FsStore({ root });
  train = { x: tf.tensor2d(xs.slice(0, 32)), y: tf.tensor2d(ys.slice(0, 32)), count: 32 };
  validation = { x: tf.tensor2d(xs.slice(32)), y: tf.tensor2d(ys.slice(32)), count: 8 };
});
afterAll(async () => {
  tf.dispose([train.x, train.y, validation.x, validation.y]);
  await rm(root, { recursive: true, force: true });
});

function build() {
  return tf.sequential({
    layers: [
      tf.layers.dense({ units: 4, inputShape: [2], activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
}

/** Trains `epochs` epochs with checkpoints under `jobId`, resuming from one if it exists. */
async function run(jobId: string, epochs: number, patience = 100) {
  const model = build();
  const optimizer = new Adam({ learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  const early = new EarlyStoppingCallback(EarlyStopping.parse({ monitor: 'valLoss', patience, restoreBest: true }));
  const others: Callback[] = [early];
  const checkpoint = new CheckpointCallback({ store, tenant: 'local', jobId, callbacks: others });
  const resumed = await checkpoint.load();
  const result = await fit({
    model,
    optimizer,
    loss: meanSquaredError,
    target,
    train,
    validation,
    batchSize: 8,
    epochs,
    seed: 3,
    callbacks: [...others, checkpoint],
    ...(resumed === null ? {} : { initialEpoch: resumed.initialEpoch, history: resumed.history }),
  });
  const weights = await Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())));
  const lr = optimizer.learningRate;
  optimizer.dispose();
  model.dispose();
  return { result, weights, early, resumedFrom: resumed?.initialEpoch ?? null, lr };
}

const epochsOf = (history: EpochMetrics[]) => history.map((m) => m.epoch);

describe('checkpoints', () => {
  it('a run stopped after epoch 3 and resumed in a new model ends with the same weights and history as an uninterrupted one', async () => {
    const straight = await run('job_straight0000000', 6);
    const firstPart = await run('job_resumed00000000', 3);
    expect(epochsOf(firstPart.result.history)).toEqual([1, 2, 3]);
    const saved = await readCheckpoint({ store, tenant: 'local', jobId: 'job_resumed00000000' });
    expect(saved?.state.epoch).toBe(3);
    expect(saved?.state.optimizer.step).toBe(12); // 3 epochs × 32 rows / batch 8
    const second = await run('job_resumed00000000', 6);
    expect(second.resumedFrom).toBe(3);
    // each epoch exactly once, and the same numbers: the optimizer's moments and the
    // per-epoch shuffles continue where they were
    expect(epochsOf(second.result.history)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(second.result.history.map((m) => m.loss)).toEqual(straight.result.history.map((m) => m.loss));
    for (const [i, layer] of straight.weights.entries()) {
      for (const [j, value] of layer.entries()) expect(second.weights[i]?.[j]).toBeCloseTo(value, 6);
    }
  });

  it('carries early stopping (best epoch, patience counter, best weights) across a restart', async () => {
    const jobId = 'job_early000000000000';
    await run(jobId, 2, 1);
    const saved = await readCheckpoint({ store, tenant: 'local', jobId });
    const state = saved?.state.callbacks['early-stopping'] as { best: { epoch: number } | null; wait: number };
    expect(state.best?.epoch).toBeGreaterThanOrEqual(1);
    // the best weights are in the checkpoint beside the model's: same shapes, 4 tensors each
    expect(saved?.tensors.filter((t) => t.group === 'callback:early-stopping').map((t) => t.shape)).toEqual([[2, 4], [4], [4, 1], [1]]);
    const resumed = await run(jobId, 4, 1);
    expect(resumed.resumedFrom).toBe(2);
    expect(resumed.early.bestSoFar?.epoch).toBeGreaterThanOrEqual(state.best?.epoch ?? 99);
    expect(epochsOf(resumed.result.history)).toEqual(epochsOf(resumed.result.history).map((_, i) => i + 1));
  });

  it('keeps one tensors file, and deleteCheckpoint removes everything', async () => {
    const jobId = 'job_files00000000000';
    await run(jobId, 3);
    const listed = await store.list(`tenants/local/jobs/${jobId}/checkpoint/`);
    expect(listed.objects.map((o) => o.key.split('/').pop())).toEqual(['state.json', 'tensors-000003.bin']);
    await deleteCheckpoint({ store, tenant: 'local', jobId });
    expect((await store.list(`tenants/local/jobs/${jobId}/`)).objects).toEqual([]);
    expect(await readCheckpoint({ store, tenant: 'local', jobId })).toBeNull();
  });

  it('holds no tensors after training: numTensors is the same before and after a checkpointed run', async () => {
    const jobId = 'job_leaks00000000000';
    await run(jobId, 1);
    const before = tf.memory().numTensors;
    await run(jobId, 3);
    expect(tf.memory().numTensors).toBe(before);
  });
});
