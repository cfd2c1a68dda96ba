import * as tf from '@tensorflow/tfjs';
import type { ResolvedTask, TrainingSpec } from '@layerlab/sdk/spec';

export interface LayerPlan {
  units: number;
  activation: TrainingSpec['model']['activation'];
}

/** The hidden layers a spec asks for: count × units (constant or halving funnel) or the explicit list. */
export function hiddenPlan(model: TrainingSpec['model']): LayerPlan[] {
  const { hidden } = model;
  if (Array.isArray(hidden)) {
    return hidden.map((layer) =>
      typeof layer === 'number' ? { units: layer, activation: model.activation } : { units: layer.units, activation: layer.activation ?? model.activation },
    );
  }
  return Array.from({ length: hidden.layers }, (_, i) => ({
    units: hidden.shape === 'funnel' ? Math.max(1, Math.floor(hidden.units / 2 ** i)) : hidden.units,
    activation: model.activation,
  }));
}

/** The output activation of a task: sigmoid (binary, multilabel), softmax (multiclass), linear (regression). */
export function outputActivation(task: ResolvedTask, requested: TrainingSpec['model']['output']['activation']) {
  if (requested !== 'auto') return requested;
  if (task === 'regression') return 'linear';
  return task === 'multiclass' ? 'softmax' : 'sigmoid';
}

/** An MLP from the spec: Dense layers with He-initialised relu, then the task's output layer. */
export function buildModel(options: { spec: TrainingSpec; task: ResolvedTask; inputSize: number; outputUnits: number }): tf.Sequential {
  const { spec } = options;
  const model = tf.sequential();
  const plan = hiddenPlan(spec.model);
  plan.forEach((layer, i) => {
    model.add(
      tf.layers.dense({
        units: layer.units,
        activation: 'relu',
        kernelInitializer: tf.initializers.heNormal({ seed: spec.seed + i }),
        ...(i === 0 ? { inputShape: [options.inputSize] } : {}),
        name: `hidden_${i + 1}`,
      }),
    );
  });
  model.add(
    tf.layers.dense({
      units: options.outputUnits,
      activation: outputActivation(options.task, spec.model.output.activation) as 'linear',
      kernelInitializer: tf.initializers.glorotUniform({ seed: spec.seed + plan.length }),
      ...(plan.length === 0 ? { inputShape: [options.inputSize] } : {}),
      name: 'output',
    }),
  );
  return model;
}
