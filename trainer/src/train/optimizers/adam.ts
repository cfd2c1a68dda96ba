import * as tf from '@tensorflow/tfjs';
import { SlotOptimizer } from './slot-optimizer.js';

export interface AdamOptions {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/**
 * Adam as Keras writes it: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g²,
 * w ← w − lr·√(1−β2ᵗ)/(1−β1ᵗ) · m / (√v + ε).
 */
export class Adam extends SlotOptimizer<number> {
  readonly name = 'adam';
  declare momentum: number;
  private readonly beta2: number;
  private readonly epsilon: number;

  constructor(options: AdamOptions) {
    super({ learningRate: options.learningRate, momentum: options.beta1 });
    this.beta2 = options.beta2;
    this.epsilon = options.epsilon;
  }

  /** α = lr·√(1−β2ᵗ)/(1−β1ᵗ) */
  protected beginStep(): number {
    return (this.learningRate * Math.sqrt(1 - this.beta2 ** this.step)) / (1 - this.momentum ** this.step);
  }

  protected update(variable: tf.Variable, g: tf.Tensor, alpha: number): void {
    const beta1 = this.momentum;
    const m = this.slots.get('m', variable);
    const v = this.slots.get('v', variable);
    m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
    v.assign(tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2)));
    variable.assign(tf.sub(variable, tf.div(tf.mul(m, alpha), tf.add(tf.sqrt(v), this.epsilon))));
  }
}
