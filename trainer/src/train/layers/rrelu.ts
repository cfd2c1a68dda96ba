import * as tf from '@tensorflow/tfjs';

export interface RReLUArgs {
  /** Lowest random slope for negative inputs; default 1/8 (Xu et al. 2015). */
  lower?: number;
  /** Highest random slope; default 1/3. */
  upper?: number;
  name?: string;
}

/**
 * Randomized leaky ReLU (Xu et al. 2015), absent from tfjs: while training each negative input
 * gets its own slope drawn from U(lower, upper); at inference the slope is fixed at
 * (lower + upper) / 2. Registered with tfjs serialization as "RReLU", so a model.json holding it
 * loads with tf.loadLayersModel once this class is registered.
 */
export class RReLU extends tf.layers.Layer {
  static className = 'RReLU';
  readonly lower: number;
  readonly upper: number;

  constructor(args: RReLUArgs = {}) {
    super(args.name === undefined ? {} : { name: args.name });
    this.lower = args.lower ?? 1 / 8;
    this.upper = args.upper ?? 1 / 3;
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
      const slope = kwargs.training === true ? tf.randomUniform(x.shape, this.lower, this.upper) : tf.scalar((this.lower + this.upper) / 2);
      return tf.where(tf.greaterEqual(x, 0), x, tf.mul(x, slope));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), lower: this.lower, upper: this.upper };
  }
}
tf.serialization.registerClass(RReLU);
