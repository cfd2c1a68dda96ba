import * as tf from '@tensorflow/tfjs';
import { SlotOptimizer } from './slot-optimizer.js';

export interface RmspropOptions {
  learningRate: number;
  rho: number;
  momentum: number;
  epsilon: number;
  centered: boolean;
}

/**
 * RMSprop as Keras writes it: s ← ρ·s + (1−ρ)·g²; centered also ḡ ← ρ·ḡ + (1−ρ)·g and uses
 * s − ḡ²; Δ = lr·g / √(s (− ḡ²) + ε); with momentum p ← μ·p + Δ, w ← w − p, else w ← w − Δ.
 */
export class Rmsprop extends SlotOptimizer {
  readonly name = 'rmsprop';
  declare momentum: number;
  private readonly rho: number;
  private readonly epsilon: number;
  private readonly centered: boolean;

  constructor(options: RmspropOptions) {
    super({ learningRate: options.learningRate, momentum: options.momentum });
    this.rho = options.rho;
    this.epsilon = options.epsilon;
    this.centered = options.centered;
  }

  protected beginStep(): undefined {
    return undefined;
  }

  protected update(variable: tf.Variable, g: tf.Tensor): void {
    const { rho, learningRate: lr, momentum: mu } = this;
    const s = this.slots.get('velocity', variable);
    s.assign(tf.add(tf.mul(s, rho), tf.mul(tf.square(g), 1 - rho)));
    let denominator: tf.Tensor = s;
    if (this.centered) {
      const avg = this.slots.get('average_gradient', variable);
      avg.assign(tf.add(tf.mul(avg, rho), tf.mul(g, 1 - rho)));
      denominator = tf.sub(s, tf.square(avg));
    }
    const increment = tf.div(tf.mul(g, lr), tf.sqrt(tf.add(denominator, this.epsilon)));
    if (mu > 0) {
      const p = this.slots.get('momentum', variable);
      p.assign(tf.add(tf.mul(p, mu), increment));
      variable.assign(tf.sub(variable, p));
    } else {
      variable.assign(tf.sub(variable, increment));
    }
  }
}
