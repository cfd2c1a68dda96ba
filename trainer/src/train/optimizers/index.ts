import type { OptimizerSpec } from '@layerlab/sdk/spec';
import { Adam } from './adam.js';
import type { TrainOptimizer } from './types.js';

export type { OptimizerState, TrainOptimizer } from './types.js';

/** An optimizer name the trainer has no implementation for. */
export class UnknownOptimizerError extends Error {
  override name = 'UnknownOptimizerError';
}

type Factory = (spec: OptimizerSpec, learningRate: number) => TrainOptimizer;

const FACTORIES: Partial<Record<OptimizerSpec['name'], Factory>> = {
  adam: (spec, learningRate) => {
    if (spec.name !== 'adam') throw new UnknownOptimizerError(spec.name);
    return new Adam({ learningRate, beta1: spec.beta1, beta2: spec.beta2, epsilon: spec.epsilon });
  },
};

/** Builds the optimizer a spec names, at the given (resolved) learning rate. */
export function createOptimizer(spec: OptimizerSpec, learningRate: number): TrainOptimizer {
  const factory = FACTORIES[spec.name];
  if (factory === undefined) throw new UnknownOptimizerError(`optimizer "${spec.name}" is not implemented`);
  return factory(spec, learningRate);
}
