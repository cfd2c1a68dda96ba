import { describe, expect, it } from 'vitest';
import { GATES, notYetSupported } from './not-yet-supported.js';
import { TrainingSpec } from './training-spec.js';

const everyKnob = {
  dataset: 'ds_0123456789abcdef',
  target: ['a', 'b'],
  task: 'multilabel',
  model: {
    hidden: [{ units: 8, activation: 'rrelu', dropout: 0.2, batchNorm: true }, 4],
    activation: 'selu',
    initializer: 'lecun_uniform',
    batchNorm: true,
    dropout: { rate: 0.1, kind: 'alpha' },
    output: { activation: 'sigmoid' },
    weightDecay: 1e-4,
  },
  loss: 'binary_crossentropy',
  optimizer: { name: 'nadam', learningRate: 'auto' },
  schedule: { type: 'one_cycle', maxLr: 0.01 },
  clip: { norm: 1, globalNorm: 5, value: 0.5 },
  swa: { start: 0.5 },
};

describe('not-yet-supported gates', () => {
  it('gate nothing: a spec using every knob of the guide is accepted', () => {
    expect(GATES).toEqual([]);
    const parsed = TrainingSpec.safeParse(everyKnob);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    if (parsed.success) expect(notYetSupported(parsed.data)).toEqual([]);
  });

  it('still refuse a gated value with its path when a gate exists', () => {
    const spec = TrainingSpec.parse({ dataset: 'ds_0123456789abcdef', target: 'y', optimizer: { name: 'sgd' } });
    const gates = [{ path: ['optimizer', 'name'], message: '"sgd"', applies: (s: typeof spec) => s.optimizer.name === 'sgd' }];
    expect(notYetSupported(spec, gates)).toEqual([{ path: ['optimizer', 'name'], message: '"sgd" is not supported yet' }]);
    expect(notYetSupported({ ...spec, optimizer: { name: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } }, gates)).toEqual([]);
  });
});
