import * as tf from '@tensorflow/tfjs';

type TfInitializer = ReturnType<typeof tf.initializers.varianceScaling>;
import type { Activation, Initializer } from '@layerlab/sdk/spec';

type Concrete = Exclude<Initializer, 'auto'>;

/** An initializer name the trainer has no implementation for. */
export class UnknownInitializerError extends Error {
  override name = 'UnknownInitializerError';
}

/**
 * std of a unit normal truncated at ±2σ (what tfjs draws). Keras divides by it so a "normal"
 * initializer really has the std its definition names; tfjs does not, so its he_normal draws
 * come out 12% too small. We pass the corrected scale to tfjs's own VarianceScaling.
 */
const TRUNCATED_STD = 0.8796256610342398;

const DEFINITIONS: Record<Concrete, { scale: number; mode: 'fanIn' | 'fanAvg'; distribution: 'normal' | 'uniform' }> = {
  he_normal: { scale: 2, mode: 'fanIn', distribution: 'normal' },
  he_uniform: { scale: 2, mode: 'fanIn', distribution: 'uniform' },
  lecun_normal: { scale: 1, mode: 'fanIn', distribution: 'normal' },
  lecun_uniform: { scale: 1, mode: 'fanIn', distribution: 'uniform' },
  glorot_normal: { scale: 1, mode: 'fanAvg', distribution: 'normal' },
  glorot_uniform: { scale: 1, mode: 'fanAvg', distribution: 'uniform' },
};

const LECUN_FAMILY: ReadonlySet<Activation> = new Set(['selu', 'elu']);
const GLOROT_FAMILY: ReadonlySet<Activation> = new Set(['sigmoid', 'tanh']);

/**
 * The guide's table for `auto`: LeCun for selu/elu, Glorot for sigmoid/tanh, He for the relu
 * family (relu, leaky_relu, prelu, rrelu and the smooth relus gelu, swish, mish, softplus).
 */
export function resolveInitializer(initializer: Initializer, activation: Activation): Concrete {
  if (initializer !== 'auto') return initializer;
  if (LECUN_FAMILY.has(activation)) return 'lecun_normal';
  if (GLOROT_FAMILY.has(activation)) return 'glorot_uniform';
  return 'he_normal';
}

/**
 * A seeded tfjs initializer whose draws have the std of the definition: √(scale / fan) with
 * fan = fan_in (He, LeCun) or (fan_in + fan_out)/2 (Glorot), normal (truncated at 2σ, as in
 * Keras) or uniform on ±√(3·scale / fan).
 */
export function kernelInitializer(name: Concrete, seed: number): TfInitializer {
  const definition = DEFINITIONS[name] as (typeof DEFINITIONS)[Concrete] | undefined;
  if (definition === undefined) throw new UnknownInitializerError(`initializer "${String(name)}" is not implemented`);
  const scale = definition.distribution === 'normal' ? definition.scale / TRUNCATED_STD ** 2 : definition.scale;
  return tf.initializers.varianceScaling({ scale, mode: definition.mode, distribution: definition.distribution, seed });
}
