import { ScheduleSpec, type EpochMetrics } from '@layerlab/sdk/spec';
import { describe, expect, it } from 'vitest';
import type { LoopContext } from '../callbacks.js';
import type { TrainOptimizer } from '../optimizers/types.js';
import { cosineLr, exponentialLr, oneCycleAt, stepLr } from './formulas.js';
import { scheduleCallback } from './index.js';
import { PlateauCallback } from './plateau.js';

/** A loop context around an optimizer stub whose lr and momentum the schedules set. */
function fakeLoop(options: { lr: number; momentum: number | null; epochs: number; stepsPerEpoch: number }) {
  const optimizer = { name: 'stub', learningRate: options.lr, momentum: options.momentum } as TrainOptimizer;
  const ctx = { optimizer, epochs: options.epochs, stepsPerEpoch: options.stepsPerEpoch, history: [], stop: () => undefined, stopReason: null } as unknown as LoopContext;
  return { optimizer, ctx };
}

const epoch = (n: number, valLoss: number): EpochMetrics => ({ epoch: n, loss: valLoss, valLoss, lr: 0, seconds: 0 });

describe('one_cycle', () => {
  // PyTorch OneCycleLR's cosine formula, re-typed in a few lines of Python (not this code):
  // anneal(s,e,p) = e+(s−e)/2·(cos πp + 1); maxLr 0.1, 100 steps, pctStart 0.3, div 25, finalDiv 1e4
  const options = { maxLr: 0.1, totalSteps: 100, pctStart: 0.3, divFactor: 25, finalDivFactor: 1e4, baseMomentum: 0.85, maxMomentum: 0.95 };
  it.each([
    [0, 0.004, 0.95],
    [10, 0.029516394846410082, 0.9234204220349895],
    [29, 0.1, 0.85],
    [30, 0.09994965352845243, 0.8500503466729342],
    [64, 0.0500002, 0.9],
    [99, 4e-7, 0.95],
  ])('step %i: lr %f, momentum %f', (step, lr, momentum) => {
    const at = oneCycleAt(step, options);
    expect(at.lr).toBeCloseTo(lr, 12);
    expect(at.momentum).toBeCloseTo(momentum, 12);
  });

  it('drives the optimizer per batch and cycles its momentum inversely', () => {
    const { optimizer, ctx } = fakeLoop({ lr: 0.1, momentum: 0.9, epochs: 10, stepsPerEpoch: 10 });
    const callback = scheduleCallback(ScheduleSpec.parse({ type: 'one_cycle' }), { baseLr: 0.1, hasMomentum: true });
    callback?.onTrainBegin?.(ctx);
    callback?.onBatchBegin?.(29, ctx);
    expect(optimizer.learningRate).toBeCloseTo(0.1, 12);
    expect(optimizer.momentum).toBeCloseTo(0.85, 12);
    callback?.onBatchBegin?.(99, ctx);
    expect(optimizer.learningRate).toBeCloseTo(4e-7, 12);
    expect(optimizer.momentum).toBeCloseTo(0.95, 12);
  });

  it('leaves the momentum of an optimizer without one alone', () => {
    const { optimizer, ctx } = fakeLoop({ lr: 0.1, momentum: null, epochs: 10, stepsPerEpoch: 10 });
    const callback = scheduleCallback(ScheduleSpec.parse({ type: 'one_cycle', maxLr: 0.5 }), { baseLr: 0.1, hasMomentum: false });
    callback?.onTrainBegin?.(ctx);
    callback?.onBatchBegin?.(0, ctx);
    expect(optimizer.learningRate).toBeCloseTo(0.5 / 25, 12);
    expect(optimizer.momentum).toBeNull();
  });
});

describe('cosine with warm-up', () => {
  // lr0 0.1, minLr 0.001, 2 warm-up epochs of 10 steps, 100 steps (Python, same formula as the docs)
  it.each([
    [0, 0.005],
    [9, 0.05],
    [19, 0.1],
    [20, 0.1],
    [60, 0.04951583171057903],
    [99, 0.001],
  ])('step %i: lr %f', (step, lr) => {
    expect(cosineLr(step, { baseLr: 0.1, minLr: 0.001, warmupSteps: 20, totalSteps: 100 })).toBeCloseTo(lr, 12);
  });

  it('takes warm-up epochs × steps per epoch from the loop', () => {
    const { optimizer, ctx } = fakeLoop({ lr: 0.1, momentum: null, epochs: 10, stepsPerEpoch: 10 });
    const callback = scheduleCallback(ScheduleSpec.parse({ type: 'cosine', minLr: 0.001, warmupEpochs: 2 }), { baseLr: 0.1, hasMomentum: false });
    callback?.onTrainBegin?.(ctx);
    callback?.onBatchBegin?.(60, ctx);
    expect(optimizer.learningRate).toBeCloseTo(0.04951583171057903, 12);
  });
});

describe('epoch schedules', () => {
  it('exponential: lr0 · rate^((epoch − 1)/decayEpochs), staircase floors the exponent', () => {
    expect(exponentialLr({ baseLr: 0.1, epoch: 1, decayRate: 0.5, decayEpochs: 2, staircase: false })).toBeCloseTo(0.1, 12);
    expect(exponentialLr({ baseLr: 0.1, epoch: 2, decayRate: 0.5, decayEpochs: 2, staircase: false })).toBeCloseTo(0.1 * Math.SQRT1_2, 12);
    expect(exponentialLr({ baseLr: 0.1, epoch: 2, decayRate: 0.5, decayEpochs: 2, staircase: true })).toBeCloseTo(0.1, 12);
    expect(exponentialLr({ baseLr: 0.1, epoch: 5, decayRate: 0.5, decayEpochs: 2, staircase: true })).toBeCloseTo(0.025, 12);
  });

  it('step: lr0 · factor^floor((epoch − 1)/every), set at each epoch start', () => {
    expect([1, 3, 4, 6, 7].map((e) => stepLr({ baseLr: 0.1, epoch: e, factor: 0.5, every: 3 }))).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
    const { optimizer, ctx } = fakeLoop({ lr: 0.1, momentum: null, epochs: 10, stepsPerEpoch: 10 });
    const callback = scheduleCallback(ScheduleSpec.parse({ type: 'step', factor: 0.5, every: 3 }), { baseLr: 0.1, hasMomentum: false });
    callback?.onEpochBegin?.(7, ctx);
    expect(optimizer.learningRate).toBeCloseTo(0.025, 12);
  });

  it('constant needs no callback', () => {
    expect(scheduleCallback({ type: 'constant' }, { baseLr: 0.1, hasMomentum: false })).toBeNull();
  });
});

describe('ReduceLROnPlateau on a scripted loss sequence', () => {
  it('reduces after patience epochs, honours minDelta, cooldown and minLr (traced by hand)', () => {
    const { optimizer, ctx } = fakeLoop({ lr: 0.1, momentum: null, epochs: 20, stepsPerEpoch: 1 });
    const plateau = new PlateauCallback({ monitor: 'valLoss', factor: 0.5, patience: 2, minDelta: 0.01, cooldown: 1, minLr: 0.01 });
    const losses = [1.0, 0.9, 0.895, 0.89, 0.85, 0.86, 0.87, 0.88, 0.89, 0.9, 0.91, 0.92, 0.93, 0.94];
    const lrs = losses.map((loss, i) => {
      plateau.onEpochEnd(epoch(i + 1, loss), ctx);
      return optimizer.learningRate;
    });
    // e3, e4: 0.895 and 0.89 are not below 0.9 − 0.01 → reduce at e4; e5 improves (cooldown resets wait);
    // e6, e7 worse → reduce; e8 cooldown, e8–e9 → reduce to 0.0125; e10–e11 → max(0.00625, minLr 0.01)
    expect(lrs).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125, 0.01, 0.01, 0.01, 0.01]);
  });

  it('maximises accuracy metrics and carries its state through a checkpoint', () => {
    const { optimizer, ctx } = fakeLoop({ lr: 0.1, momentum: null, epochs: 20, stepsPerEpoch: 1 });
    const plateau = new PlateauCallback({ monitor: 'valAccuracy', factor: 0.1, patience: 1, minDelta: 0, cooldown: 0, minLr: 0 });
    const acc = (n: number, valAccuracy: number): EpochMetrics => ({ epoch: n, loss: 1, valAccuracy, lr: 0, seconds: 0 });
    plateau.onEpochEnd(acc(1, 0.5), ctx);
    plateau.onEpochEnd(acc(2, 0.6), ctx);
    expect(optimizer.learningRate).toBe(0.1);
    plateau.onEpochEnd(acc(3, 0.55), ctx);
    expect(optimizer.learningRate).toBeCloseTo(0.01, 12);
    const resumed = new PlateauCallback({ monitor: 'valAccuracy', factor: 0.1, patience: 1, minDelta: 0, cooldown: 0, minLr: 0 });
    resumed.restore(JSON.parse(JSON.stringify(plateau.state())));
    const fresh = fakeLoop({ lr: 0.01, momentum: null, epochs: 20, stepsPerEpoch: 1 }); // the checkpoint restores the lr
    resumed.onEpochEnd(acc(4, 0.59), fresh.ctx); // 0.59 < best 0.6: another reduction
    expect(fresh.optimizer.learningRate).toBeCloseTo(0.001, 12);
  });
});
