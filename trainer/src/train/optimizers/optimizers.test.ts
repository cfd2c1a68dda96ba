import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { OptimizerSpec } from '@layerlab/sdk/spec';
import { createOptimizer, UnknownOptimizerError } from './index.js';
import type { TrainOptimizer } from './types.js';

const W0 = [0.5, -1.0, 2.0];
const G1 = [0.1, -0.2, 0.3];
const G2 = [-0.05, 0.4, 0.1];

/** Two steps on a known gradient sequence; the weights after each step. */
function twoSteps(optimizer: TrainOptimizer): number[][] {
  const w = tf.variable(tf.tensor1d(W0), true, 'w');
  const after: number[][] = [];
  for (const g of [G1, G2]) {
    const grad = tf.tensor1d(g);
    optimizer.apply([w], { w: grad });
    grad.dispose();
    after.push(Array.from(w.dataSync()));
  }
  w.dispose();
  optimizer.dispose();
  return after;
}

function expectClose(actual: number[][], expected: number[][]): void {
  actual.forEach((row, i) => row.forEach((value, j) => expect(value).toBeCloseTo(expected[i]?.[j] ?? Number.NaN, 5)));
}

const build = (spec: unknown, lr: number) => createOptimizer(OptimizerSpec.parse(spec), lr);

describe('optimizers against hand-computed steps', () => {
  it('SGD with Nesterov momentum (Keras): v ← μv − lr·g; w ← w + μv − lr·g', () => {
    // by hand, lr 0.1, μ 0.9:
    // step 1: v = −0.1·g1 = [−0.01, 0.02, −0.03]; w += 0.9v − 0.1g1 = [−0.019, 0.038, −0.057]
    // step 2: v = 0.9v − 0.1·g2 = [−0.004, −0.022, −0.037]; w += 0.9v − 0.1g2 = [0.0014, −0.0598, −0.0433]
    expectClose(twoSteps(build({ name: 'sgd', momentum: 0.9, nesterov: true }, 0.1)), [
      [0.481, -0.962, 1.943],
      [0.4824, -1.0218, 1.8997],
    ]);
  });

  it('SGD with classical momentum: w ← w + v', () => {
    // step 1: v = [−0.01, 0.02, −0.03]; step 2: v = [−0.004, −0.022, −0.037]
    expectClose(twoSteps(build({ name: 'sgd', momentum: 0.9, nesterov: false }, 0.1)), [
      [0.49, -0.98, 1.97],
      [0.486, -1.002, 1.933],
    ]);
  });

  it('Nadam with Dozat\'s momentum schedule (ψ = 0.004)', () => {
    // numpy, independent of this code (lr 0.01, β1 0.9, β2 0.999, ε 1e-7, ψ 0.004):
    //   mu = b1*(1-0.5*0.96**(t*psi)); mun = b1*(1-0.5*0.96**((t+1)*psi)); prod *= mu
    //   m = b1*m+(1-b1)*g; v = b2*v+(1-b2)*g*g
    //   w -= lr*(mun*m/(1-prod*mun) + (1-mu)*g/(1-prod)) / (sqrt(v/(1-b2**t)) + eps)
    expectClose(twoSteps(build({ name: 'nadam' }, 0.01)), [
      [0.48943549, -0.98943549, 1.98943549],
      [0.49354658, -0.99850106, 1.98553117],
    ]);
  });

  it('RMSprop, centered with momentum 0.5 and plain', () => {
    // numpy (lr 0.01, ρ 0.9, ε 1e-7): s = ρs+(1−ρ)g²; a = ρa+(1−ρ)g; Δ = lr·g/sqrt(s−a²+ε); p = μp+Δ; w −= p
    expectClose(twoSteps(build({ name: 'rmsprop', momentum: 0.5, centered: true }, 0.01)), [
      [0.46666852, -0.96666713, 1.96666687],
      [0.46484997, -0.97893149, 1.9386272],
    ]);
    expectClose(twoSteps(build({ name: 'rmsprop' }, 0.01)), [
      [0.4683788, -0.96837762, 1.9683774],
      [0.48312236, -0.99694897, 1.95789461],
    ]);
  });

  it('Adamax: u ← max(β2·u, |g|)', () => {
    // numpy (lr 0.01): m = b1m+(1−b1)g; u = max(b2u, |g|); w −= lr/(1−b1ᵗ)·m/(u+ε)
    expectClose(twoSteps(build({ name: 'adamax' }, 0.01)), [
      [0.49000001, -0.99, 1.99],
      [0.48789264, -0.99289474, 1.98350228],
    ]);
  });

  it('Adagrad with accumulators starting at 0.1', () => {
    // numpy (lr 0.1): a = 0.1 + Σg²; w −= lr·g/sqrt(a+ε)
    expectClose(twoSteps(build({ name: 'adagrad' }, 0.1)), [
      [0.46984888, -0.94654777, 1.9311753],
      [0.48475599, -1.01957743, 1.90881462],
    ]);
  });

  it('a checkpointed state continues exactly where it stopped (Nadam keeps its momentum product)', async () => {
    const first = build({ name: 'nadam' }, 0.01);
    const w = tf.variable(tf.tensor1d(W0), true, 'w');
    const g1 = tf.tensor1d(G1);
    first.apply([w], { w: g1 });
    const state = await first.getState();
    const afterOne = w.clone();
    const g2 = tf.tensor1d(G2);
    for (const saved of [state, { ...state, scalars: undefined }]) {
      // with and without the saved momentum product (a checkpoint that keeps only step and slots)
      w.assign(afterOne);
      const second = build({ name: 'nadam' }, 0.01);
      second.setState(JSON.parse(JSON.stringify(saved)));
      second.apply([w], { w: g2 });
      expect(Array.from(w.dataSync()).map((x) => Number(x.toFixed(5)))).toEqual([0.49355, -0.9985, 1.98553]);
      second.dispose();
    }
    tf.dispose([w, g1, g2, afterOne]);
    first.dispose();
  });

  it('exposes momentum for schedules where the optimizer has one', () => {
    expect(build({ name: 'sgd' }, 0.1).momentum).toBe(0.9);
    expect(build({ name: 'adam' }, 0.1).momentum).toBe(0.9);
    expect(build({ name: 'adagrad' }, 0.1).momentum).toBeNull();
  });

  it('an unknown name is a typed error', () => {
    expect(() => createOptimizer({ name: 'lion' } as unknown as OptimizerSpec, 0.1)).toThrow(UnknownOptimizerError);
  });
});
