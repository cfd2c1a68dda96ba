import * as tf from '@tensorflow/tfjs';
import { SlotOptimizer } from './slot-optimizer.js';

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
export class Nadam extends SlotOptimizer<NadamStep> {
  readonly name = 'nadam';
  declare momentum: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly momentumDecay: number;
  /** Π μ₁..μₜ over the steps taken so far. */
  private muProduct = 1;

  constructor(options: NadamOptions) {
    super({ learningRate: options.learningRate, momentum: options.beta1 });
    this.beta2 = options.beta2;
    this.epsilon = options.epsilon;
    this.momentumDecay = options.momentumDecay;
  }

  private mu(step: number): number {
    return this.momentum * (1 - 0.5 * 0.96 ** (step * this.momentumDecay));
  }

  protected beginStep(): NadamStep {
    const t = this.step;
    const muT = this.mu(t);
    const muNext = this.mu(t + 1);
    this.muProduct *= muT;
    return {
      gradCoefficient: (1 - muT) / (1 - this.muProduct),
      momentumCoefficient: muNext / (1 - this.muProduct * muNext),
      vCorrection: 1 / (1 - this.beta2 ** t),
    };
  }

  protected update(variable: tf.Variable, g: tf.Tensor, c: NadamStep): void {
    const beta1 = this.momentum;
    const m = this.slots.get('m', variable);
    const v = this.slots.get('v', variable);
    m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
    v.assign(tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2)));
    const mHat = tf.add(tf.mul(m, c.momentumCoefficient), tf.mul(g, c.gradCoefficient));
    const denominator = tf.add(tf.sqrt(tf.mul(v, c.vCorrection)), this.epsilon);
    variable.assign(tf.sub(variable, tf.div(tf.mul(mHat, this.learningRate), denominator)));
  }

  protected override saveScalars(): Record<string, number> {
    return { muProduct: this.muProduct };
  }

  protected override loadScalars(scalars: Record<string, number> | undefined): void {
    // a state without the product (saved by code that only keeps step and slots) rebuilds it from β1
    this.muProduct = scalars?.muProduct ?? Array.from({ length: this.step }, (_, i) => this.mu(i + 1)).reduce((a, b) => a * b, 1);
  }
}

/** Nadam's per-step coefficients. */
interface NadamStep {
  gradCoefficient: number;
  momentumCoefficient: number;
  vCorrection: number;
}
