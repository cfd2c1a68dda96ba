import type { Loss, ResolvedTask, TrainingSpec } from '@layerlab/sdk/spec';
import { binaryCrossentropy, categoricalCrossentropy, huber, meanAbsoluteError, meanSquaredError, type LossFn } from './losses.js';

/** A loss name the trainer has no implementation for. */
export class UnknownLossError extends Error {
  override name = 'UnknownLossError';
}

type LossName = Exclude<Loss, 'auto'>;

const FACTORIES: Record<LossName, (spec: Pick<TrainingSpec, 'huberDelta'>) => LossFn> = {
  mse: () => meanSquaredError,
  mae: () => meanAbsoluteError,
  huber: (spec) => huber(spec.huberDelta),
  binary_crossentropy: () => binaryCrossentropy,
  categorical_crossentropy: () => categoricalCrossentropy,
};

/** The loss `auto` means for a task: MSE, categorical cross-entropy (multiclass) or binary cross-entropy. */
export function lossName(spec: Pick<TrainingSpec, 'loss'>, task: ResolvedTask): LossName {
  if (spec.loss !== 'auto') return spec.loss;
  if (task === 'regression') return 'mse';
  return task === 'multiclass' ? 'categorical_crossentropy' : 'binary_crossentropy';
}

/** The loss a spec names (huber with `huberDelta`, default 1), `auto` choosing by task. */
export function lossFor(spec: Pick<TrainingSpec, 'loss' | 'huberDelta'>, task: ResolvedTask): LossFn {
  const name = lossName(spec, task);
  const factory = FACTORIES[name] as ((spec: Pick<TrainingSpec, 'huberDelta'>) => LossFn) | undefined;
  if (factory === undefined) throw new UnknownLossError(`loss "${String(name)}" is not implemented`);
  return factory(spec);
}
