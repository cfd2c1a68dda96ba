import type * as tf from '@tensorflow/tfjs';
import { LrFinderOptions, type LrFinderResult, type ResolvedTask, type TrainingSpec } from '@layerlab/sdk/spec';
import { withSeededMathRandom } from '../random.js';
import type { Callback } from '../train/callbacks.js';
import { runRangeTest } from '../train/lr-range-test.js';
import { createTrainingKit } from '../train/training-kit.js';
import { regularizationOf } from './build-model.js';
import type { PreparedData } from './prepare.js';

/**
 * Leslie Smith's range test for a spec on its training split: the spec's optimizer, loss,
 * clipping and weight decay, lr growing from minLr to maxLr. The model's weights are put back.
 */
export async function rangeTestFor(options: {
  spec: TrainingSpec;
  task: ResolvedTask;
  model: tf.LayersModel;
  data: Pick<PreparedData, 'train' | 'artifact'>;
  finder: LrFinderOptions;
  /** Per-epoch callbacks (cancellation); default none. */
  callbacks?: Callback[];
}): Promise<{ result: LrFinderResult; cancelled: boolean }> {
  const { spec, model, data } = options;
  const kit = createTrainingKit({ spec, task: options.task, learningRate: options.finder.minLr });
  try {
    return await withSeededMathRandom(spec.seed, () =>
      runRangeTest({
        fit: {
          model,
          optimizer: kit.optimizer,
          loss: kit.loss,
          target: data.artifact.target,
          train: data.train,
          batchSize: spec.batchSize,
          seed: spec.seed,
          regularization: regularizationOf(model),
          transformGradients: kit.transformGradients,
        },
        finder: options.finder,
        ...(options.callbacks === undefined ? {} : { callbacks: options.callbacks }),
      }),
    );
  } finally {
    kit.dispose();
  }
}

/**
 * The starting learning rate of a train job: the spec's number, or for "auto" the suggestion of
 * a range test with the default settings (1e-6 → 10 over 100 batches), which is returned too.
 */
export async function resolveLearningRate(options: {
  spec: TrainingSpec;
  task: ResolvedTask;
  model: tf.LayersModel;
  data: Pick<PreparedData, 'train' | 'artifact'>;
}): Promise<{ learningRate: number; lrFinder: LrFinderResult | null }> {
  const requested = options.spec.optimizer.learningRate;
  if (requested !== 'auto') return { learningRate: requested, lrFinder: null };
  const { result } = await rangeTestFor({ ...options, finder: LrFinderOptions.parse({}) });
  return { learningRate: result.suggestion.lr, lrFinder: result };
}
