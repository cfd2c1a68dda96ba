import * as tf from '@tensorflow/tfjs';
import type { Activation, ResolvedTask, TrainingSpec } from '@layerlab/sdk/spec';
import { ensureWasmTrainingKernels } from '../train/kernels/index.js';
import { activationPlan, type ActivationPlan } from '../train/layers/activations.js';
import { AlphaDropout } from '../train/layers/alpha-dropout.js';
import { kernelInitializer, resolveInitializer } from '../train/layers/initializers.js';

type ModelSpec = TrainingSpec['model'];

export interface LayerPlan {
  units: number;
  activation: Activation;
  dropout: number;
  batchNorm: boolean;
}

/** The dropout rate a spec means: `auto` is 0 for an MLP and 0.5 for a CNN (the guide). */
export function dropoutRate(model: Pick<ModelSpec, 'type' | 'dropout'>): number {
  if (model.dropout.rate !== 'auto') return model.dropout.rate;
  return model.type === 'cnn' ? 0.5 : 0;
}

/** AlphaDropout with selu when kind is `auto` (it keeps SELU's self-normalisation), else standard. */
export function dropoutKind(kind: ModelSpec['dropout']['kind'], activation: Activation): 'standard' | 'alpha' {
  if (kind !== 'auto') return kind;
  return activation === 'selu' ? 'alpha' : 'standard';
}

/** The hidden Dense layers a spec asks for: count × units (constant or halving funnel) or the explicit list. */
export function hiddenPlan(model: ModelSpec): LayerPlan[] {
  const defaults = { activation: model.activation, dropout: dropoutRate(model), batchNorm: model.batchNorm };
  const { hidden } = model;
  if (Array.isArray(hidden)) {
    return hidden.map((layer) =>
      typeof layer === 'number'
        ? { ...defaults, units: layer }
        : {
            units: layer.units,
            activation: layer.activation ?? defaults.activation,
            dropout: layer.dropout ?? defaults.dropout,
            batchNorm: layer.batchNorm ?? defaults.batchNorm,
          },
    );
  }
  return Array.from({ length: hidden.layers }, (_, i) => ({
    ...defaults,
    units: hidden.shape === 'funnel' ? Math.max(1, Math.floor(hidden.units / 2 ** i)) : hidden.units,
  }));
}

/** The output activation of a task: sigmoid (binary, multilabel), softmax (multiclass), linear (regression). */
export function outputActivation(task: ResolvedTask, requested: ModelSpec['output']['activation']) {
  if (requested !== 'auto') return requested;
  if (task === 'regression') return 'linear';
  return task === 'multiclass' ? 'softmax' : 'sigmoid';
}

/** The cnn's conv blocks: the spec's, or the guide-sized default of 32 then 64 filters. */
export function convPlan(model: ModelSpec) {
  return model.conv ?? [
    { filters: 32, kernel: 3, pool: 2 },
    { filters: 64, kernel: 3, pool: 2 },
  ];
}

/** Adds the layers that follow a weighted layer: BatchNorm, then the activation (unless fused), then dropout. */
class Stack {
  private seed: number;

  constructor(
    readonly model: tf.Sequential,
    readonly spec: TrainingSpec,
  ) {
    this.seed = spec.seed;
  }

  nextSeed(): number {
    this.seed += 1;
    return this.seed - 1;
  }

  regularizer() {
    return this.spec.model.weightDecay > 0 ? { kernelRegularizer: tf.regularizers.l2({ l2: this.spec.model.weightDecay }) } : {};
  }

  initializer(activation: Activation) {
    return kernelInitializer(resolveInitializer(this.spec.model.initializer, activation), this.nextSeed());
  }

  /** The activation fused into the weighted layer, when it can be (built-in and no BatchNorm in between). */
  fused(plan: ActivationPlan, batchNorm: boolean): 'linear' | string {
    return 'builtin' in plan && !batchNorm ? plan.builtin : 'linear';
  }

  after(options: { name: string; plan: ActivationPlan; batchNorm: boolean; dropout?: { rate: number; kind: 'standard' | 'alpha' } }): void {
    const { name, plan, batchNorm } = options;
    if (batchNorm) this.model.add(tf.layers.batchNormalization({ name: `${name}_bn` }));
    if ('layer' in plan) this.model.add(plan.layer(`${name}_act`));
    else if (batchNorm) this.model.add(tf.layers.activation({ activation: plan.builtin, name: `${name}_act` }));
    this.addDropout(name, options.dropout);
  }

  addDropout(name: string, dropout: { rate: number; kind: 'standard' | 'alpha' } | undefined): void {
    if (dropout === undefined || dropout.rate <= 0) return;
    // no seed: tfjs would reuse one mask for every batch; the fit seeds Math.random instead
    this.model.add(dropout.kind === 'alpha' ? new AlphaDropout({ rate: dropout.rate, name: `${name}_dropout` }) : tf.layers.dropout({ rate: dropout.rate, name: `${name}_dropout` }));
  }
}

function addHidden(stack: Stack, plan: LayerPlan[], inputShape: number[] | null): void {
  const { spec } = stack;
  plan.forEach((layer, i) => {
    const name = `hidden_${i + 1}`;
    const activation = activationPlan(layer.activation, spec.model.activationOptions);
    stack.model.add(
      tf.layers.dense({
        units: layer.units,
        activation: stack.fused(activation, layer.batchNorm) as 'linear',
        useBias: !layer.batchNorm,
        kernelInitializer: stack.initializer(layer.activation),
        ...stack.regularizer(),
        ...(i === 0 && inputShape !== null ? { inputShape } : {}),
        name,
      }),
    );
    stack.after({ name, plan: activation, batchNorm: layer.batchNorm, dropout: { rate: layer.dropout, kind: dropoutKind(spec.model.dropout.kind, layer.activation) } });
  });
}

function addConvBlocks(stack: Stack, model: ModelSpec): void {
  const activation = activationPlan(model.activation, model.activationOptions);
  convPlan(model).forEach((block, i) => {
    const name = `conv_${i + 1}`;
    stack.model.add(
      tf.layers.conv2d({
        filters: block.filters,
        kernelSize: block.kernel,
        padding: 'same',
        activation: stack.fused(activation, model.batchNorm) as 'linear',
        useBias: !model.batchNorm,
        kernelInitializer: stack.initializer(model.activation),
        ...stack.regularizer(),
        ...(i === 0 ? { inputShape: model.inputShape ?? [] } : {}),
        name,
      }),
    );
    stack.after({ name, plan: activation, batchNorm: model.batchNorm });
    if (block.pool > 1) stack.model.add(tf.layers.maxPooling2d({ poolSize: block.pool, name: `${name}_pool` }));
  });
  stack.model.add(tf.layers.flatten({ name: 'flatten' }));
  stack.addDropout('flatten', { rate: dropoutRate(model), kind: dropoutKind(model.dropout.kind, model.activation) });
}

/**
 * The network a spec describes. mlp: per hidden layer Dense (initializer per the guide's table,
 * L2 weightDecay) → BatchNorm → activation → dropout. cnn: conv blocks (Conv2D 'same' → BatchNorm →
 * activation → MaxPool) → flatten → dropout → the hidden Dense layers. Then the task's output layer.
 */
export function buildModel(options: { spec: TrainingSpec; task: ResolvedTask; inputSize: number; outputUnits: number }): tf.Sequential {
  const { spec } = options;
  // gradients the wasm backend lacks or gets wrong (kernel-level; a no-op elsewhere)
  ensureWasmTrainingKernels();
  const stack = new Stack(tf.sequential(), spec);
  const plan = hiddenPlan(spec.model);
  if (spec.model.type === 'cnn') {
    addConvBlocks(stack, spec.model);
    addHidden(stack, plan, null);
  } else {
    addHidden(stack, plan, [options.inputSize]);
  }
  const first = stack.model.layers.length === 0;
  stack.model.add(
    tf.layers.dense({
      units: options.outputUnits,
      activation: outputActivation(options.task, spec.model.output.activation),
      kernelInitializer: kernelInitializer('glorot_uniform', stack.nextSeed()),
      ...stack.regularizer(),
      ...(first ? { inputShape: [options.inputSize] } : {}),
      name: 'output',
    }),
  );
  return stack.model;
}

/** The L2 penalty the model's layers carry (weightDecay), as a loss term; undefined when none. */
export function regularizationOf(model: tf.LayersModel): (() => tf.Scalar) | undefined {
  if (!model.layers.some((layer) => layer.losses.length > 0)) return undefined;
  return () => tf.addN(model.layers.flatMap((layer) => layer.calculateLosses())) as tf.Scalar;
}
