import * as tf from '@tensorflow/tfjs';
import type { Clip } from '@layerlab/sdk/spec';

type Grads = tf.NamedTensorMap;

/** Keras clipnorm: each tensor g becomes g·c / max(‖g‖₂, c), so no single tensor's norm exceeds c. */
export function clipByNorm(grads: Grads, maxNorm: number): Grads {
  return Object.fromEntries(
    Object.entries(grads).map(([name, g]) => [name, tf.mul(g, tf.div(maxNorm, tf.maximum(tf.norm(g), maxNorm)))]),
  );
}

/** Keras global_clipnorm: every tensor scaled by c / max(‖all gradients‖₂, c), keeping their direction. */
export function clipByGlobalNorm(grads: Grads, maxNorm: number): Grads {
  const entries = Object.entries(grads);
  if (entries.length === 0) return grads;
  const global = tf.sqrt(tf.addN(entries.map(([, g]) => tf.sum(tf.square(g)))));
  const factor = tf.div(maxNorm, tf.maximum(global, maxNorm));
  return Object.fromEntries(entries.map(([name, g]) => [name, tf.mul(g, factor)]));
}

/** Keras clipvalue: each element clipped to [−c, c]. */
export function clipByValue(grads: Grads, limit: number): Grads {
  return Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, tf.clipByValue(g, -limit, limit)]));
}

/**
 * The gradient transform for a spec's `clip`: per-tensor norm, then global norm, then value
 * (Keras's order), each only when set; undefined when nothing is clipped. Runs inside the
 * loop's tidy, so intermediate tensors are freed with the batch.
 */
export function gradientClipper(clip: Clip): ((grads: Grads) => Grads) | undefined {
  const { norm, globalNorm, value } = clip;
  if (norm === null && globalNorm === null && value === null) return undefined;
  return (grads) => {
    let out = grads;
    if (norm !== null) out = clipByNorm(out, norm);
    if (globalNorm !== null) out = clipByGlobalNorm(out, globalNorm);
    if (value !== null) out = clipByValue(out, value);
    return out;
  };
}
