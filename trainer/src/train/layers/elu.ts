import * as tf from '@tensorflow/tfjs';

/**
 * ELU with any alpha: x for x > 0, alpha·(eˣ − 1) otherwise. tfjs's ELU layer throws for
 * alpha ≠ 1, so alpha ≠ 1 uses this layer (registered as "EluAlpha"); alpha 1 uses tfjs's own.
 */
export class EluAlpha extends tf.layers.Layer {
  static className = 'EluAlpha';
  readonly alpha: number;

  constructor(args: { alpha?: number; name?: string } = {}) {
    super(args.name === undefined ? {} : { name: args.name });
    this.alpha = args.alpha ?? 1;
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
      // relu(x) + alpha·(e^min(x, 0) − 1): x above zero, alpha·(eˣ − 1) below, differentiable ops only
      return tf.add(tf.relu(x), tf.mul(tf.elu(tf.minimum(x, 0)), this.alpha));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}
tf.serialization.registerClass(EluAlpha);
