import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { getJson, keys } from '@layerlab/api/store';
import { FsStore } from '@layerlab/api/store/fs';
import { TrainingSpec, type TrainingSpecInput } from '@layerlab/sdk/spec';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knobCsv, storeDataset } from '../testing/knob-data.js';
import { runTraining } from './run-training.js';

/**
 * Every activation, initializer, optimizer, schedule, loss and clip mode (and the other knobs)
 * trains an epoch through the real pipeline on wasm — the backend that runs here — without a NaN,
 * and the exported model.json holds the layers the spec configured.
 */

interface LayerJson {
  class_name: string;
  config: Record<string, unknown> & { name: string };
}
const ModelJson = z.object({ modelTopology: z.object({ class_name: z.literal('Sequential'), config: z.object({ layers: z.array(z.any()) }) }) });

const TENANT = 'matrix';
let root: string;
let store: FsStore;
let dataset: string;

beforeAll(async () => {
  await tf.setBackend('wasm');
  root = await mkdtemp(join(tmpdir(), 'layerlab-matrix-'));
  store = new FsStore({ root });
  dataset = (await storeDataset({ store, tenant: TENANT, csv: knobCsv() })).id;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Trains a spec for one epoch (unless it says otherwise) and returns its outcome and exported layers. */
async function train(overrides: Partial<TrainingSpecInput>) {
  const spec = TrainingSpec.parse({ dataset, target: 'cls', features: { exclude: ['bin', 'y', 'z', 'f1', 'f2'] }, epochs: 1, batchSize: 16, model: { hidden: [8] }, ...overrides });
  const outcome = await runTraining({ store, tenant: TENANT, jobId: `job_${'0'.repeat(10)}matrix`, spec, backend: 'wasm', checkpoint: false, progress: async () => 'continue' });
  const json = await getJson(store, keys.model(TENANT, outcome.modelId).modelJson, ModelJson);
  const layers = (json?.modelTopology.config.layers ?? []) as LayerJson[];
  return { outcome, layers, classes: layers.map((layer) => layer.class_name) };
}

function expectFinite(outcome: Awaited<ReturnType<typeof train>>['outcome']): void {
  expect(outcome.history.length).toBeGreaterThan(0);
  for (const epoch of outcome.history) {
    expect(Number.isFinite(epoch.loss), `loss ${epoch.loss}`).toBe(true);
    expect(Number.isFinite(epoch.valLoss ?? Number.NaN), `valLoss ${epoch.valLoss}`).toBe(true);
    expect(Number.isFinite(epoch.lr)).toBe(true);
  }
  for (const value of Object.values(outcome.testMetrics)) expect(Number.isFinite(value)).toBe(true);
}

const hidden = (layers: LayerJson[]) => layers.find((layer) => layer.config.name === 'hidden_1') as LayerJson;

describe('knob matrix: one epoch each, no NaN, the configured layers in model.json', () => {
  it.each(['sigmoid', 'tanh', 'relu', 'selu', 'gelu', 'softplus', 'swish', 'mish', 'elu'] as const)('activation %s (fused into Dense)', async (activation) => {
    const { outcome, layers } = await train({ model: { hidden: [8], activation } });
    expectFinite(outcome);
    expect(hidden(layers).config.activation).toBe(activation);
  });

  it.each([
    ['leaky_relu', 'LeakyReLU', { alpha: 0.01 }],
    ['prelu', 'PReLU', {}],
    ['rrelu', 'RReLU', { lower: 0.125, upper: 1 / 3 }],
  ] as const)('activation %s (its own layer %s)', async (activation, className, config) => {
    const { outcome, layers } = await train({ model: { hidden: [8], activation } });
    expectFinite(outcome);
    const layer = layers.find((l) => l.class_name === className);
    expect(layer?.config).toMatchObject(config);
    expect(hidden(layers).config.activation).toBe('linear');
  });

  it('elu with alpha 0.5 uses the EluAlpha layer', async () => {
    const { outcome, layers } = await train({ model: { hidden: [8], activation: 'elu', activationOptions: { alpha: 0.5 } } });
    expectFinite(outcome);
    expect(layers.find((l) => l.class_name === 'EluAlpha')?.config.alpha).toBe(0.5);
  });

  it.each([
    ['he_normal', 2 / 0.8796256610342398 ** 2, 'fan_in', 'normal'],
    ['he_uniform', 2, 'fan_in', 'uniform'],
    ['lecun_normal', 1 / 0.8796256610342398 ** 2, 'fan_in', 'normal'],
    ['lecun_uniform', 1, 'fan_in', 'uniform'],
    ['glorot_normal', 1 / 0.8796256610342398 ** 2, 'fan_avg', 'normal'],
    ['glorot_uniform', 1, 'fan_avg', 'uniform'],
  ] as const)('initializer %s', async (initializer, scale, mode, distribution) => {
    const { outcome, layers } = await train({ model: { hidden: [8], initializer } });
    expectFinite(outcome);
    const init = hidden(layers).config.kernel_initializer as { class_name: string; config: { scale: number; mode: string; distribution: string } };
    expect(init.class_name).toBe('VarianceScaling');
    expect(init.config.scale).toBeCloseTo(scale, 10);
    expect(init.config.mode).toBe(mode);
    expect(init.config.distribution).toBe(distribution);
  });

  it.each([
    { name: 'sgd', momentum: 0.9, nesterov: true },
    { name: 'sgd', momentum: 0, nesterov: false },
    { name: 'adam' },
    { name: 'nadam' },
    { name: 'rmsprop', momentum: 0.5, centered: true },
    { name: 'adamax' },
    { name: 'adagrad' },
  ] as const)('optimizer %o', async (optimizer) => {
    expectFinite((await train({ optimizer })).outcome);
  });

  it.each([
    { type: 'constant' },
    { type: 'exponential', decayRate: 0.5 },
    { type: 'step', factor: 0.5, every: 1 },
    { type: 'plateau', patience: 0 },
    { type: 'one_cycle', maxLr: 0.01 },
    { type: 'cosine', minLr: 1e-5, warmupEpochs: 1 },
  ] as const)('schedule %o', async (schedule) => {
    const { outcome } = await train({ schedule, epochs: 2 });
    expectFinite(outcome);
  });

  it.each([
    ['mse', 'y'],
    ['mae', 'y'],
    ['huber', 'y'],
    ['binary_crossentropy', 'bin'],
    ['categorical_crossentropy', 'cls'],
  ] as const)('loss %s', async (loss, target) => {
    expectFinite((await train({ loss, target, features: { exclude: ['cls', 'bin', 'y', 'z', 'f1', 'f2'].filter((c) => c !== target) } })).outcome);
  });

  it.each([{ norm: 0.5 }, { globalNorm: 0.5 }, { value: 0.01 }, { norm: 1, globalNorm: 1, value: 0.5 }])('clip %o', async (clip) => {
    expectFinite((await train({ clip })).outcome);
  });

  it('BatchNorm, alpha dropout with selu, L2 weight decay, a funnel', async () => {
    const { outcome, classes, layers } = await train({
      model: { hidden: { layers: 2, units: 16, shape: 'funnel' }, activation: 'selu', batchNorm: true, dropout: { rate: 0.2, kind: 'auto' }, weightDecay: 1e-3 },
    });
    expectFinite(outcome);
    expect(classes).toEqual(['Dense', 'BatchNormalization', 'Activation', 'AlphaDropout', 'Dense', 'BatchNormalization', 'Activation', 'AlphaDropout', 'Dense']);
    expect(layers.filter((l) => l.class_name === 'Dense').map((l) => l.config.units)).toEqual([16, 8, 3]);
    expect(hidden(layers).config.use_bias).toBe(false);
    expect(hidden(layers).config.kernel_regularizer).toMatchObject({ class_name: 'L1L2', config: { l2: 1e-3 } });
  });

  it('an explicit per-layer list with standard dropout', async () => {
    const { outcome, classes } = await train({ model: { hidden: [{ units: 8, activation: 'tanh', dropout: 0.3 }, { units: 4, batchNorm: true }] } });
    expectFinite(outcome);
    expect(classes).toEqual(['Dense', 'Dropout', 'Dense', 'BatchNormalization', 'Activation', 'Dense']);
  });

  it.each(['linear', 'sigmoid', 'tanh', 'softplus'] as const)('regression output %s (with its target scaling)', async (activation) => {
    const { outcome, layers } = await train({ target: 'y', features: { exclude: ['cls', 'bin', 'z', 'f1', 'f2'] }, model: { hidden: [8], output: { activation } } });
    expectFinite(outcome);
    expect(layers.at(-1)?.config.activation).toBe(activation);
  });

  it('multi-output regression and multilabel classification', async () => {
    const regression = await train({ target: ['y', 'z'], features: { exclude: ['cls', 'bin', 'f1', 'f2'] } });
    expectFinite(regression.outcome);
    expect(regression.layers.at(-1)?.config).toMatchObject({ units: 2, activation: 'linear' });
    const multilabel = await train({ target: ['f1', 'f2'], task: 'multilabel', features: { exclude: ['cls', 'bin', 'y', 'z'] } });
    expectFinite(multilabel.outcome);
    expect(multilabel.layers.at(-1)?.config).toMatchObject({ units: 2, activation: 'sigmoid' });
  });

  it('a cnn over four pixels (2 × 2 × 1)', async () => {
    const { outcome, classes, layers } = await train({
      features: { include: ['x0', 'x1', 'x2', 'x3'] },
      model: { type: 'cnn', inputShape: [2, 2, 1], conv: [{ filters: 4, kernel: 2, pool: 2 }], hidden: [8], batchNorm: true },
    });
    expectFinite(outcome);
    expect(classes).toEqual(['Conv2D', 'BatchNormalization', 'Activation', 'MaxPooling2D', 'Flatten', 'Dropout', 'Dense', 'BatchNormalization', 'Activation', 'Dropout', 'Dense']);
    expect(layers.find((l) => l.class_name === 'Dropout')?.config.rate).toBe(0.5);
  });

  it('SWA reports metrics before and after averaging', async () => {
    const { outcome } = await train({ epochs: 3, swa: { start: 2, lr: 0.001, every: 1 }, model: { hidden: [8], batchNorm: true } });
    expectFinite(outcome);
    expect(outcome.result.swa).toMatchObject({ startEpoch: 2, snapshots: 2, applied: true, batchNormLayers: 1 });
    expect(outcome.history.map((epoch) => epoch.lr)).toEqual([0.001, 0.001, 0.001]);
    expect(Number.isFinite(outcome.result.swa?.before.test?.loss ?? Number.NaN)).toBe(true);
    expect(outcome.result.swa?.after?.test?.loss).toBeCloseTo(outcome.testMetrics.loss ?? Number.NaN, 6);
  });

  it('learningRate "auto" runs the range test first and trains with its suggestion', async () => {
    const { outcome } = await train({ optimizer: { name: 'adam', learningRate: 'auto' } });
    expectFinite(outcome);
    const finder = outcome.result.lrFinder;
    expect(finder?.curve.length).toBeGreaterThan(10);
    expect(outcome.result.learningRate).toBe(finder?.suggestion.lr);
    expect(outcome.history[0]?.lr).toBe(finder?.suggestion.lr);
  });
});
