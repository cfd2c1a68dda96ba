import type * as tf from '@tensorflow/tfjs';

/** Serializable optimizer state, for checkpoints: step count, named slot tensors, scalar accumulators. */
export interface OptimizerState {
  name: string;
  step: number;
  slots: { name: string; shape: number[]; values: number[] }[];
  /** Running scalars some optimizers keep (Nadam's momentum product); default none. */
  scalars?: Record<string, number>;
}

/**
 * One optimizer step over named variables. `learningRate` (and `momentum` where the
 * optimizer has one) may be changed between steps by schedules.
 */
export interface TrainOptimizer {
  readonly name: string;
  learningRate: number;
  /** sgd/rmsprop momentum or adam-family beta1; null when the optimizer has none. */
  momentum: number | null;
  apply(variables: tf.Variable[], grads: tf.NamedTensorMap): void;
  getState(): Promise<OptimizerState>;
  setState(state: OptimizerState): void;
  dispose(): void;
}
