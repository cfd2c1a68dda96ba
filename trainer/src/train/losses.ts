import * as tf from '@tensorflow/tfjs';

/** A loss: the mean over the batch of a per-example loss, as a scalar. */
export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

const EPSILON = 1e-7;

export const meanSquaredError: LossFn = (yTrue, yPred) => tf.mean(tf.squaredDifference(yPred, yTrue));

export const meanAbsoluteError: LossFn = (yTrue, yPred) => tf.mean(tf.abs(tf.sub(yPred, yTrue)));

/**
 * Huber loss (Keras): ½x² where |x| ≤ δ, δ·(|x| − ½δ) beyond, averaged; quadratic near the
 * target, linear for outliers. Default δ = 1.
 */
export function huber(delta = 1): LossFn {
  return (yTrue, yPred) =>
    tf.tidy(() => {
      const error = tf.abs(tf.sub(yPred, yTrue));
      const quadratic = tf.minimum(error, delta);
      const linear = tf.sub(error, quadratic);
      return tf.mean(tf.add(tf.mul(tf.square(quadratic), 0.5), tf.mul(linear, delta))) as tf.Scalar;
    });
}

/** Binary cross-entropy on probabilities, clipped like Keras to avoid log(0). */
export const binaryCrossentropy: LossFn = (yTrue, yPred) =>
  tf.tidy(() => {
    const p = tf.clipByValue(yPred, EPSILON, 1 - EPSILON);
    return tf.neg(tf.mean(tf.add(tf.mul(yTrue, tf.log(p)), tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, p)))))) as tf.Scalar;
  });

/** Categorical cross-entropy on softmax probabilities (one-hot targets). */
export const categoricalCrossentropy: LossFn = (yTrue, yPred) =>
  tf.tidy(() => {
    const p = tf.clipByValue(yPred, EPSILON, 1 - EPSILON);
    return tf.neg(tf.mean(tf.sum(tf.mul(yTrue, tf.log(p)), -1))) as tf.Scalar;
  });
