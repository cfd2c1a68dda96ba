import * as tf from '@tensorflow/tfjs';
import type { Activation, ModelSpec } from '@layerlab/sdk/spec';
import { EluAlpha } from './elu.js';
import { RReLU } from './rrelu.js';

/** tfjs's built-in activation names (what Dense and Activation layers accept). */
export type BuiltinActivation = 'sigmoid' | 'tanh' | 'relu' | 'elu' | 'selu' | 'gelu' | 'softplus' | 'swish' | 'mish' | 'linear' | 'softmax';

/** How an activation enters a model: fused into the Dense/Conv layer, or as a layer of its own. */
export type ActivationPlan = { builtin: BuiltinActivation } | { layer: (name: string) => tf.layers.Layer };

/** An activation name the trainer has no implementation for. */
export class UnknownActivationError extends Error {
  override name = 'UnknownActivationError';
}

type Options = ModelSpec['activationOptions'];

const builtin = (name: BuiltinActivation) => (): ActivationPlan => ({ builtin: name });

const PLANS: Record<Activation, (options: Options) => ActivationPlan> = {
  sigmoid: builtin('sigmoid'),
  tanh: builtin('tanh'),
  relu: builtin('relu'),
  // the guide's list of activation options documents 0.01 as the default slope
  leaky_relu: (options) => ({ layer: (name) => tf.layers.leakyReLU({ alpha: options.alpha ?? 0.01, name }) }),
  elu: ({ alpha }) => (alpha === undefined || alpha === 1 ? { builtin: 'elu' } : { layer: (name) => new EluAlpha({ alpha, name }) }),
  selu: builtin('selu'),
  gelu: builtin('gelu'),
  // He et al. (2015) start every PReLU slope at 0.25
  prelu: () => ({ layer: (name) => tf.layers.prelu({ alphaInitializer: tf.initializers.constant({ value: 0.25 }), name }) }),
  rrelu: (options) => ({ layer: (name) => new RReLU({ lower: options.lower, upper: options.upper, name }) }),
  softplus: builtin('softplus'),
  swish: builtin('swish'),
  mish: builtin('mish'),
};

/** How to build an activation (leaky_relu alpha default 0.01, elu alpha 1, rrelu 1/8–1/3). */
export function activationPlan(name: Activation, options: Options): ActivationPlan {
  const plan = PLANS[name] as ((options: Options) => ActivationPlan) | undefined;
  if (plan === undefined) throw new UnknownActivationError(`activation "${String(name)}" is not implemented`);
  return plan(options);
}
