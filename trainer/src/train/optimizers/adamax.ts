import * as tf from '@tensorflow/tfjs';
import { Slots } from './slots.js';
import type { OptimizerState, TrainOptimizer } from './types.js';

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
export class Adamax implements TrainOptimizer {
  readonly name = 'adamax';
  learningRate: number;
  momentum: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private step = 0;
  private readonly slots = new Slots();

  constructor(options: AdamaxOptions) {
    this.learningRate = options.learningRate;
    this.momentum = options.beta1;
    this.beta2 = options.beta2;
    this.epsilon = options.epsilon;
  }

  apply(variables: tf.Variable[], grads: tf.NamedTensorMap): void {
    this.step += 1;
    const beta1 = this.momentum;
    const alpha = this.learningRate / (1 - beta1 ** this.step);
    tf.tidy(() => {
      for (const variable of variables) {
        const g = grads[variable.name];
        if (g === undefined) continue;
        const m = this.slots.get('m', variable);
        const u = this.slots.get('u', variable);
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        u.assign(tf.maximum(tf.mul(u, this.beta2), tf.abs(g)));
        variable.assign(tf.sub(variable, tf.div(tf.mul(m, alpha), tf.add(u, this.epsilon))));
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
