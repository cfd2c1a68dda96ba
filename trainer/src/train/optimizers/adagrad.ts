import * as tf from '@tensorflow/tfjs';
import { SlotOptimizer } from './slot-optimizer.js';

export interface AdagradOptions {
  learningRate: number;
  /** Starting value of every accumulator (Keras 0.1). */
  initialAccumulator: number;
  epsilon: number;
}

/** Adagrad as Keras writes it: a ← a + g², w ← w − lr·g / √(a + ε), with a starting at 0.1. */
export class Adagrad extends SlotOptimizer {
  readonly name = 'adagrad';
  private readonly initialAccumulator: number;
  private readonly epsilon: number;

  constructor(options: AdagradOptions) {
    super({ learningRate: options.learningRate, momentum: null });
    this.initialAccumulator = options.initialAccumulator;
    this.epsilon = options.epsilon;
  }

  protected beginStep(): undefined {
    return undefined;
  }

  protected update(variable: tf.Variable, g: tf.Tensor): void {
    const a = this.slots.get('accumulator', variable, this.initialAccumulator);
    a.assign(tf.add(a, tf.square(g)));
    variable.assign(tf.sub(variable, tf.div(tf.mul(g, this.learningRate), tf.sqrt(tf.add(a, this.epsilon)))));
  }
}
