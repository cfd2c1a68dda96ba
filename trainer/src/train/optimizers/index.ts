import type { OptimizerName, OptimizerSpec } from '@layerlab/sdk/spec';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Adamax } from './adamax.js';
import { Nadam } from './nadam.js';
import { Rmsprop } from './rmsprop.js';
import { Sgd } from './sgd.js';
import type { TrainOptimizer } from './types.js';

export type { OptimizerState, TrainOptimizer } from './types.js';

/** An optimizer name the trainer has no implementation for. */
export class UnknownOptimizerError extends Error {
  override name = 'UnknownOptimizerError';
}

type SpecOf<N extends OptimizerName> = Extract<OptimizerSpec, { name: N }>;
type Factories = { [N in OptimizerName]: (spec: SpecOf<N>, learningRate: number) => TrainOptimizer };

const FACTORIES: Factories = {
  sgd: (spec, learningRate) => new Sgd({ learningRate, momentum: spec.momentum, nesterov: spec.nesterov }),
  adam: (spec, learningRate) => new Adam({ learningRate, beta1: spec.beta1, beta2: spec.beta2, epsilon: spec.epsilon }),
  nadam: (spec, learningRate) =>
    new Nadam({ learningRate, beta1: spec.beta1, beta2: spec.beta2, epsilon: spec.epsilon, momentumDecay: spec.momentumDecay }),
  rmsprop: (spec, learningRate) =>
    new Rmsprop({ learningRate, rho: spec.rho, momentum: spec.momentum, epsilon: spec.epsilon, centered: spec.centered }),
  adamax: (spec, learningRate) => new Adamax({ learningRate, beta1: spec.beta1, beta2: spec.beta2, epsilon: spec.epsilon }),
  adagrad: (spec, learningRate) => new Adagrad({ learningRate, initialAccumulator: spec.initialAccumulator, epsilon: spec.epsilon }),
};

/** Builds the optimizer a spec names, at the given (resolved) learning rate. */
export function createOptimizer(spec: OptimizerSpec, learningRate: number): TrainOptimizer {
  const factory = FACTORIES[spec.name] as ((spec: OptimizerSpec, learningRate: number) => TrainOptimizer) | undefined;
  if (factory === undefined) throw new UnknownOptimizerError(`optimizer "${String(spec.name)}" is not implemented`);
  return factory(spec, learningRate);
}
