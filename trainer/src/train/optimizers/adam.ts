import * as tf from '@tensorflow/tfjs';
import { Slots } from './slots.js';
import type { OptimizerState, TrainOptimizer } from './types.js';

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
export class Adam implements TrainOptimizer {
  readonly name = 'adam';
  learningRate: number;
  momentum: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private step = 0;
  private readonly slots = new Slots();

  constructor(options: AdamOptions) {
    this.learningRate = options.learningRate;
    this.momentum = options.beta1;
    this.beta2 = options.beta2;
    this.epsilon = options.epsilon;
  }

  apply(variables: tf.Variable[], grads: tf.NamedTensorMap): void {
    this.step += 1;
    const beta1 = this.momentum;
    const alpha = (this.learningRate * Math.sqrt(1 - this.beta2 ** this.step)) / (1 - beta1 ** this.step);
    tf.tidy(() => {
      for (const variable of variables) {
        const g = grads[variable.name];
        if (g === undefined) continue;
        const m = this.slots.get('m', variable);
        const v = this.slots.get('v', variable);
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2)));
        variable.assign(tf.sub(variable, tf.div(tf.mul(m, alpha), tf.add(tf.sqrt(v), this.epsilon))));
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
