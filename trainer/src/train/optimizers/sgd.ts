import * as tf from '@tensorflow/tfjs';
import { SlotOptimizer } from './slot-optimizer.js';

export interface SgdOptions {
  learningRate: number;
  momentum: number;
  nesterov: boolean;
}

/**
 * SGD as Keras writes it: velocity v ← μ·v − lr·g; w ← w + v, or with Nesterov
 * w ← w + μ·v − lr·g (the step looks ahead along the updated velocity).
 */
export class Sgd extends SlotOptimizer {
  readonly name = 'sgd';
  declare momentum: number;
  private readonly nesterov: boolean;

  constructor(options: SgdOptions) {
    super({ learningRate: options.learningRate, momentum: options.momentum });
    this.nesterov = options.nesterov;
  }

  protected beginStep(): undefined {
    return undefined;
  }

  protected update(variable: tf.Variable, g: tf.Tensor): void {
    const { learningRate: lr, momentum: mu } = this;
    if (mu === 0) {
      variable.assign(tf.sub(variable, tf.mul(g, lr)));
      return;
    }
    const v = this.slots.get('velocity', variable);
    const next = tf.sub(tf.mul(v, mu), tf.mul(g, lr));
    v.assign(next);
    variable.assign(tf.add(variable, this.nesterov ? tf.sub(tf.mul(next, mu), tf.mul(g, lr)) : next));
  }
}
