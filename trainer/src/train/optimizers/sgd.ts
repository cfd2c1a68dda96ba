import * as tf from '@tensorflow/tfjs';
import { Slots } from './slots.js';
import type { OptimizerState, TrainOptimizer } from './types.js';

export interface SgdOptions {
  learningRate: number;
  momentum: number;
  nesterov: boolean;
}

/**
 * SGD as Keras writes it: velocity v ← μ·v − lr·g; w ← w + v, or with Nesterov
 * w ← w + μ·v − lr·g (the step looks ahead along the updated velocity).
 */
export class Sgd implements TrainOptimizer {
  readonly name = 'sgd';
  learningRate: number;
  momentum: number;
  private readonly nesterov: boolean;
  private step = 0;
  private readonly slots = new Slots();

  constructor(options: SgdOptions) {
    this.learningRate = options.learningRate;
    this.momentum = options.momentum;
    this.nesterov = options.nesterov;
  }

  apply(variables: tf.Variable[], grads: tf.NamedTensorMap): void {
    this.step += 1;
    const { learningRate: lr, momentum: mu } = this;
    tf.tidy(() => {
      for (const variable of variables) {
        const g = grads[variable.name];
        if (g === undefined) continue;
        if (mu === 0) {
          variable.assign(tf.sub(variable, tf.mul(g, lr)));
          continue;
        }
        const v = this.slots.get('velocity', variable);
        const next = tf.sub(tf.mul(v, mu), tf.mul(g, lr));
        v.assign(next);
        variable.assign(tf.add(variable, this.nesterov ? tf.sub(tf.mul(next, mu), tf.mul(g, lr)) : next));
      }
    });
  }

  async getState(): Promise<OptimizerState> {
    return { name: this.name, step: this.step, slots: await this.slots.save() };
  }

  setState(state: OptimizerState): void {
    this.step = state.step;
    this.slots.load(state.slots);
  }

  dispose(): void {
    this.slots.dispose();
  }
}
