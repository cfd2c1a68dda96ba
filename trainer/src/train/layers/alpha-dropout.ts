import * as tf from '@tensorflow/tfjs';

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/**
 * AlphaDropout (Klambauer et al. 2017) for SELU networks: dropped units are set to SELU's
 * negative saturation α' = −λα, then an affine a·x + b restores the input's mean and variance.
 * tfjs 4.22's own layer sets dropped units to +λα (a sign error), which breaks self-normalisation;
 * this one follows Keras. It registers under the same class name, "AlphaDropout": at inference
 * both are the identity, so a model.json holding it loads in any tfjs, with or without this class.
 */
export class AlphaDropout extends tf.layers.Layer {
  static className = 'AlphaDropout';
  readonly rate: number;

  constructor(args: { rate: number; name?: string }) {
    super(args.name === undefined ? {} : { name: args.name });
    this.rate = args.rate;
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
      if (kwargs.training !== true || this.rate <= 0 || this.rate >= 1) return tf.clone(x);
      const saturation = -SELU_ALPHA * SELU_SCALE;
      const kept = tf.cast(tf.greaterEqual(tf.randomUniform(x.shape), this.rate), 'float32');
      const a = ((1 - this.rate) * (1 + this.rate * saturation ** 2)) ** -0.5;
      const b = -a * saturation * this.rate;
      const dropped = tf.add(tf.mul(x, kept), tf.mul(tf.sub(1, kept), saturation));
      return tf.add(tf.mul(dropped, a), b);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate };
  }
}
tf.serialization.registerClass(AlphaDropout);
