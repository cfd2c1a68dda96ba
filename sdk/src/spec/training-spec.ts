import { z } from 'zod';
import { ColumnName, DatasetId } from './ids.js';
import { MetricNameSchema } from './metric-names.js';
import { ModelSpec } from './model-spec.js';
import { OptimizerSpec } from './optimizer-spec.js';
import { ScheduleSpec } from './schedule-spec.js';
import { checkSpecConsistency } from './spec-rules.js';

export const Task = z.enum(['auto', 'regression', 'binary', 'multiclass', 'multilabel']);
export type Task = z.infer<typeof Task>;
export type ResolvedTask = Exclude<Task, 'auto'>;

export const Loss = z.enum(['auto', 'mse', 'mae', 'huber', 'binary_crossentropy', 'categorical_crossentropy']);
export type Loss = z.infer<typeof Loss>;

export const Preprocessing = z
  .object({
    scaling: z.enum(['standard', 'minmax', 'none']).default('standard').meta({
      description: 'Fitted on the training split only (the guide: give every feature a similar scale)',
    }),
    missing: z.enum(['mean', 'median', 'zero', 'drop']).default('mean').meta({
      description: 'Numeric imputation; categorical cells take the most frequent value; drop removes the row',
    }),
    categorical: z.literal('onehot').default('onehot').meta({ description: 'One-hot with an "unseen" bucket' }),
    maxCategories: z.number().int().min(1).max(1000).default(50).meta({
      description: 'One-hot keeps the most frequent values; the rest share the unseen bucket',
    }),
    targetScaling: z.enum(['auto', 'standard', 'minmax', 'none']).default('auto').meta({
      description: "Regression targets, inverted on predict. auto: standard, or the output activation's range",
    }),
  })
  .strict();
export type Preprocessing = z.infer<typeof Preprocessing>;

export const Split = z
  .object({
    validation: z.number().min(0).lt(1).default(0.15),
    test: z.number().min(0).lt(1).default(0.15),
    shuffle: z.boolean().default(true),
    stratify: z.boolean().default(true).meta({ description: 'Classification: keep class ratios in every split' }),
  })
  .strict();

export const EarlyStopping = z
  .object({
    monitor: MetricNameSchema.default('valLoss').meta({ description: 'Any epoch metric; `val_loss` spelling accepted' }),
    mode: z.enum(['auto', 'min', 'max']).default('auto').meta({ description: 'auto: max for accuracy/r2/f1, min otherwise' }),
    patience: z.number().int().min(0).max(10000).default(10),
    minDelta: z.number().min(0).default(0),
    restoreBest: z.boolean().default(true),
  })
  .strict();
export type EarlyStopping = z.infer<typeof EarlyStopping>;

export const Swa = z
  .object({
    start: z.number().positive().default(0.75).meta({
      description: 'A fraction of the epochs (< 1) or an epoch number (≥ 1) where averaging starts',
    }),
    lr: z.number().positive().max(100).default(0.0005).meta({ description: 'The constant lr during averaging' }),
    every: z.number().int().min(1).default(1).meta({ description: 'Average every n epochs' }),
  })
  .strict();
export type Swa = z.infer<typeof Swa>;

export const Clip = z
  .object({
    norm: z.number().positive().nullable().default(null).meta({ description: 'Keras clipnorm: per tensor L2 norm' }),
    globalNorm: z.number().positive().nullable().default(null).meta({ description: 'Keras global_clipnorm' }),
    value: z.number().positive().nullable().default(null).meta({ description: 'Keras clipvalue: element-wise' }),
  })
  .strict();
export type Clip = z.infer<typeof Clip>;

export const TrainingSpecShape = z
  .object({
    name: z.string().max(200).optional(),
    tags: z.array(z.string().min(1).max(64)).max(32).default([]),
    dataset: DatasetId,
    target: z.union([ColumnName, z.array(ColumnName).min(1).max(64)]).meta({
      description: 'A column, or a list for multi-output regression / multilabel',
    }),
    task: Task.default('auto'),
    features: z
      .object({
        include: z.array(ColumnName).min(1).optional().meta({ description: 'default: every column but the target' }),
        exclude: z.array(ColumnName).default([]),
      })
      .strict()
      .default({ exclude: [] }),
    preprocessing: Preprocessing.default({
      scaling: 'standard',
      missing: 'mean',
      categorical: 'onehot',
      maxCategories: 50,
      targetScaling: 'auto',
    }),
    split: Split.default({ validation: 0.15, test: 0.15, shuffle: true, stratify: true }),
    model: ModelSpec.default(() => ModelSpec.parse({})),
    loss: Loss.default('auto'),
    huberDelta: z.number().positive().default(1),
    optimizer: OptimizerSpec.default({ name: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }),
    schedule: ScheduleSpec.default({ type: 'constant' }),
    clip: Clip.default({ norm: null, globalNorm: null, value: null }),
    batchSize: z.number().int().min(1).max(65536).default(32).meta({ description: 'The guide: small batches (2–32) generalise best' }),
    epochs: z.number().int().min(1).max(10000).default(100).meta({ description: 'Many; early stopping ends the run' }),
    earlyStopping: z
      .preprocess((value) => (value === true ? {} : value), z.union([z.literal(false), EarlyStopping]))
      .default({ monitor: 'valLoss', mode: 'auto', patience: 10, minDelta: 0, restoreBest: true }),
    swa: z.preprocess((value) => (value === true ? {} : value), z.union([z.literal(false), Swa])).default(false),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
  })
  .strict();

/** The parsed spec; the rules in spec-rules.ts take this shape. */
export type TrainingSpecFields = z.infer<typeof TrainingSpecShape>;

/** What a user submits to `POST /v1/jobs`; every field but `dataset` and `target` has a default. */
export const TrainingSpec = TrainingSpecShape.superRefine((spec: TrainingSpecFields, ctx) => checkSpecConsistency(spec, ctx)).meta({
  id: 'TrainingSpec',
});
export type TrainingSpec = TrainingSpecFields;
export type TrainingSpecInput = z.input<typeof TrainingSpec>;

/** The spec as stored on a Job: every default filled in. Not re-validated against the rules. */
export const ResolvedTrainingSpec = TrainingSpecShape.meta({ id: 'ResolvedTrainingSpec' });

/** The targets of a spec as a list. */
export function targetsOf(spec: Pick<TrainingSpec, 'target'>): string[] {
  return typeof spec.target === 'string' ? [spec.target] : spec.target;
}
