import * as tf from '@tensorflow/tfjs';
import { SlotOptimizer } from './slot-optimizer.js';

export interface AdamaxOptions {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/**
 * Adamax (Adam with the infinity norm) as Keras writes it: m ← β1·m + (1−β1)·g,
 * u ← max(β2·u, |g|), w ← w − lr/(1−β1ᵗ) · m / (u + ε).
 */
export class Adamax extends SlotOptimizer<number> {
  readonly name = 'adamax';
  declare momentum: number;
  private readonly beta2: number;
  private readonly epsilon: number;

  constructor(options: AdamaxOptions) {
    super({ learningRate: options.learningRate, momentum: options.beta1 });
    this.beta2 = options.beta2;
    this.epsilon = options.epsilon;
  }

  /** α = lr/(1−β1ᵗ) */
  protected beginStep(): number {
    return this.learningRate / (1 - this.momentum ** this.step);
  }

  protected update(variable: tf.Variable, g: tf.Tensor, alpha: number): void {
    const beta1 = this.momentum;
    const m = this.slots.get('m', variable);
    const u = this.slots.get('u', variable);
    m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
    u.assign(tf.maximum(tf.mul(u, this.beta2), tf.abs(g)));
    variable.assign(tf.sub(variable, tf.div(tf.mul(m, alpha), tf.add(u, this.epsilon))));
  }
}
