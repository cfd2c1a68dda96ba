import type { ResolvedTask, TrainingSpec } from '@layerlab/sdk/spec';
import { binaryCrossentropy, categoricalCrossentropy, meanAbsoluteError, meanSquaredError, type LossFn } from './losses.js';

/** The loss a spec names, `auto` choosing by task: MSE, binary or categorical cross-entropy. */
export function lossFor(spec: Pick<TrainingSpec, 'loss' | 'huberDelta'>, task: ResolvedTask): LossFn {
  const name = spec.loss === 'auto' ? (task === 'regression' ? 'mse' : task === 'multiclass' ? 'categorical_crossentropy' : 'binary_crossentropy') : spec.loss;
  const table: Partial<Record<typeof name, LossFn>> = {
    mse: meanSquaredError,
    mae: meanAbsoluteError,
    binary_crossentropy: binaryCrossentropy,
    categorical_crossentropy: categoricalCrossentropy,
  };
  const loss = table[name];
  if (loss === undefined) throw new Error(`loss "${name}" is not implemented`);
  return loss;
}
