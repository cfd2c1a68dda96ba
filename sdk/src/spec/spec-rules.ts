import type { z } from 'zod';
import type { TrainingSpecFields as TrainingSpec } from './training-spec.js';
import { notYetSupported } from './not-yet-supported.js';

type Ctx = Pick<z.core.$RefinementCtx<unknown>, 'addIssue'>;

function issue(ctx: Ctx, path: (string | number)[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

const OUTPUTS_BY_TASK = {
  regression: ['auto', 'linear', 'sigmoid', 'tanh', 'softplus'],
  binary: ['auto', 'sigmoid'],
  multiclass: ['auto', 'softmax'],
  multilabel: ['auto', 'sigmoid'],
} as const;

const LOSSES_BY_TASK = {
  regression: ['auto', 'mse', 'mae', 'huber'],
  binary: ['auto', 'binary_crossentropy'],
  multiclass: ['auto', 'categorical_crossentropy'],
  multilabel: ['auto', 'binary_crossentropy'],
} as const;

/** Rules that span several fields; each failure names the field a user should change. */
export function checkSpecConsistency(spec: TrainingSpec, ctx: Ctx): void {
  const targets = typeof spec.target === 'string' ? [spec.target] : spec.target;
  if (new Set(targets).size !== targets.length) issue(ctx, ['target'], 'lists a column twice');
  if (Array.isArray(spec.target) && (spec.task === 'binary' || spec.task === 'multiclass')) {
    issue(ctx, ['task'], `a list of targets needs task "regression" or "multilabel", not "${spec.task}"`);
  }
  for (const [key, list] of [['include', spec.features.include ?? []], ['exclude', spec.features.exclude]] as const) {
    list.forEach((name, index) => {
      if (targets.includes(name)) issue(ctx, ['features', key, index], `"${name}" is the target and cannot be a feature`);
    });
  }
  if (spec.split.validation + spec.split.test > 0.9) {
    issue(ctx, ['split'], 'validation + test must leave at least 10% of the rows for training');
  }
  if (spec.task !== 'auto') {
    const outputs: readonly string[] = OUTPUTS_BY_TASK[spec.task];
    if (!outputs.includes(spec.model.output.activation)) {
      issue(ctx, ['model', 'output', 'activation'], `must be one of ${outputs.join(', ')} for task "${spec.task}"`);
    }
    const losses: readonly string[] = LOSSES_BY_TASK[spec.task];
    if (!losses.includes(spec.loss)) issue(ctx, ['loss'], `must be one of ${losses.join(', ')} for task "${spec.task}"`);
  }
  checkModel(spec, ctx);
  checkValidationNeeds(spec, ctx);
  for (const unsupported of notYetSupported(spec)) issue(ctx, unsupported.path, unsupported.message);
}

function checkModel(spec: TrainingSpec, ctx: Ctx): void {
  const { model } = spec;
  if (model.type === 'cnn' && model.inputShape === undefined) {
    issue(ctx, ['model', 'inputShape'], 'is required for a cnn, e.g. [28, 28, 1]');
  }
  if (model.type === 'mlp' && model.inputShape !== undefined) {
    issue(ctx, ['model', 'inputShape'], 'applies to model.type "cnn" only');
  }
  if (model.type === 'mlp' && model.conv !== undefined) issue(ctx, ['model', 'conv'], 'applies to model.type "cnn" only');
  if (model.activationOptions.lower > model.activationOptions.upper) {
    issue(ctx, ['model', 'activationOptions', 'lower'], 'must not exceed upper');
  }
  checkConvShape(spec, ctx);
  const output = model.output.activation;
  if (spec.preprocessing.targetScaling === 'standard' && (output === 'sigmoid' || output === 'tanh' || output === 'softplus')) {
    issue(ctx, ['preprocessing', 'targetScaling'], `standardised targets leave the range of a "${output}" output; use "auto", "minmax" or "none"`);
  }
}

/** Each conv block keeps the size ('same' padding) and max-pools it down: it must not vanish. */
function checkConvShape(spec: TrainingSpec, ctx: Ctx): void {
  const { model } = spec;
  if (model.type !== 'cnn' || model.inputShape === undefined) return;
  let [height, width] = model.inputShape as [number, number, number];
  const blocks = model.conv ?? [{ pool: 2 }, { pool: 2 }];
  for (const [index, block] of blocks.entries()) {
    height = Math.floor(height / block.pool);
    width = Math.floor(width / block.pool);
    if (height < 1 || width < 1) {
      const path = model.conv === undefined ? ['model', 'inputShape'] : ['model', 'conv', index, 'pool'];
      issue(ctx, path, `pooling (conv block ${index + 1}) shrinks the ${model.inputShape.join('×')} input to nothing`);
      return;
    }
  }
}

function checkValidationNeeds(spec: TrainingSpec, ctx: Ctx): void {
  if (spec.split.validation > 0) return;
  if (spec.earlyStopping !== false && spec.earlyStopping.monitor.startsWith('val')) {
    issue(ctx, ['earlyStopping', 'monitor'], `"${spec.earlyStopping.monitor}" needs split.validation > 0`);
  }
  if (spec.schedule.type === 'plateau' && spec.schedule.monitor.startsWith('val')) {
    issue(ctx, ['schedule', 'monitor'], `"${spec.schedule.monitor}" needs split.validation > 0`);
  }
}
