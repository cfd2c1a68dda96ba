import type * as tf from '@tensorflow/tfjs';
import type { ResolvedTask, TrainingSpec } from '@layerlab/sdk/spec';
import type { Callback } from './callbacks.js';
import { gradientClipper } from './clip.js';
import { lossFor } from './losses-by-name.js';
import type { LossFn } from './losses.js';
import { createOptimizer, type TrainOptimizer } from './optimizers/index.js';
import { scheduleCallback } from './schedules/index.js';
import { SwaCallback } from './swa.js';

/** Everything the loop needs besides the model and data, built from the spec's knobs. */
export interface TrainingKit {
  optimizer: TrainOptimizer;
  loss: LossFn;
  /** Schedule, then SWA (which must override the schedule's lr), in the order the loop runs them. */
  callbacks: Callback[];
  swa: SwaCallback | null;
  transformGradients: ((grads: tf.NamedTensorMap) => tf.NamedTensorMap) | undefined;
  dispose(): void;
}

/**
 * The optimizer (at `learningRate`, already resolved from "auto"), loss, LR schedule, SWA and
 * gradient clipping a spec asks for. L2 weight decay lives in the model's layers (see
 * regularizationOf in build-model).
 */
export function createTrainingKit(options: { spec: TrainingSpec; task: ResolvedTask; learningRate: number }): TrainingKit {
  const { spec, learningRate } = options;
  const optimizer = createOptimizer(spec.optimizer, learningRate);
  const callbacks: Callback[] = [];
  const schedule = scheduleCallback(spec.schedule, { baseLr: learningRate, hasMomentum: optimizer.momentum !== null && optimizer.momentum > 0 });
  if (schedule !== null) callbacks.push(schedule);
  const swa = spec.swa === false ? null : new SwaCallback(spec.swa, spec.epochs);
  if (swa !== null) callbacks.push(swa);
  return {
    optimizer,
    loss: lossFor(spec, options.task),
    callbacks,
    swa,
    transformGradients: gradientClipper(spec.clip),
    dispose() {
      optimizer.dispose();
      swa?.dispose();
    },
  };
}
