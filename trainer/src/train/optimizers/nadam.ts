import * as tf from '@tensorflow/tfjs';
import { Slots } from './slots.js';
import type { OptimizerState, TrainOptimizer } from './types.js';

export interface NadamOptions {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** ψ of Dozat's schedule μₜ = β1·(1 − ½·0.96^(t·ψ)); 0.004 in the paper, Keras 2 and PyTorch. */
  momentumDecay: number;
}

/**
 * Nadam (Dozat 2016) in the Keras formulation, with the momentum schedule μₜ:
 * m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g²,
 * m̂ = μₜ₊₁·m / (1 − Πμ₁..ₜ₊₁) + (1 − μₜ)·g / (1 − Πμ₁..ₜ), v̂ = v / (1 − β2ᵗ),
 * w ← w − lr · m̂ / (√v̂ + ε). momentumDecay 1 gives Keras 3's schedule exactly.
 */
export class Nadam implements TrainOptimizer {
  readonly name = 'nadam';
  learningRate: number;
  momentum: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly momentumDecay: number;
  private step = 0;
  /** Π μ₁..μₜ over the steps taken so far. */
  private muProduct = 1;
  private readonly slots = new Slots();

  constructor(options: NadamOptions) {
    this.learningRate = options.learningRate;
    this.momentum = options.beta1;
    this.beta2 = options.beta2;
    this.epsilon = options.epsilon;
    this.momentumDecay = options.momentumDecay;
  }

  private mu(step: number): number {
    return this.momentum * (1 - 0.5 * 0.96 ** (step * this.momentumDecay));
  }

  apply(variables: tf.Variable[], grads: tf.NamedTensorMap): void {
    this.step += 1;
    const t = this.step;
    const beta1 = this.momentum;
    const muT = this.mu(t);
    const muNext = this.mu(t + 1);
    this.muProduct *= muT;
    const gradCoefficient = (1 - muT) / (1 - this.muProduct);
    const momentumCoefficient = muNext / (1 - this.muProduct * muNext);
    const vCorrection = 1 / (1 - this.beta2 ** t);
    tf.tidy(() => {
      for (const variable of variables) {
        const g = grads[variable.name];
        if (g === undefined) continue;
        const m = this.slots.get('m', variable);
        const v = this.slots.get('v', variable);
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2)));
        const mHat = tf.add(tf.mul(m, momentumCoefficient), tf.mul(g, gradCoefficient));
        const denominator = tf.add(tf.sqrt(tf.mul(v, vCorrection)), this.epsilon);
        variable.assign(tf.sub(variable, tf.div(tf.mul(mHat, this.learningRate), denominator)));
      }
    });
  }

  async getState(): Promise<OptimizerState> {
    return { name: this.name, step: this.step, slots: await this.slots.save(), scalars: { muProduct: this.muProduct } };
  }

  setState(state: OptimizerState): void {
    this.step = state.step;
    // a state without the product (saved by code that only keeps step and slots) rebuilds it from β1
    this.muProduct = state.scalars?.muProduct ?? Array.from({ length: state.step }, (_, i) => this.mu(i + 1)).reduce((a, b) => a * b, 1);
    this.slots.load(state.slots);
  }

  dispose(): void {
    this.slots.dispose();
  }
}
