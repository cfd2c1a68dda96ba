import * as tf from '@tensorflow/tfjs';
import { Slots } from './slots.js';
import type { OptimizerState, TrainOptimizer } from './types.js';

export interface AdagradOptions {
  learningRate: number;
  /** Starting value of every accumulator (Keras 0.1). */
  initialAccumulator: number;
  epsilon: number;
}

/** Adagrad as Keras writes it: a ← a + g², w ← w − lr·g / √(a + ε), with a starting at 0.1. */
export class Adagrad implements TrainOptimizer {
  readonly name = 'adagrad';
  learningRate: number;
  readonly momentum = null;
  private readonly initialAccumulator: number;
  private readonly epsilon: number;
  private step = 0;
  private readonly slots = new Slots();

  constructor(options: AdagradOptions) {
    this.learningRate = options.learningRate;
    this.initialAccumulator = options.initialAccumulator;
    this.epsilon = options.epsilon;
  }

  apply(variables: tf.Variable[], grads: tf.NamedTensorMap): void {
    this.step += 1;
    tf.tidy(() => {
      for (const variable of variables) {
        const g = grads[variable.name];
        if (g === undefined) continue;
        const a = this.slots.get('accumulator', variable, this.initialAccumulator);
        a.assign(tf.add(a, tf.square(g)));
        variable.assign(tf.sub(variable, tf.div(tf.mul(g, this.learningRate), tf.sqrt(tf.add(a, this.epsilon)))));
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
