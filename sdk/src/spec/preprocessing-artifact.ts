import { z } from 'zod';

/** x' = (x − center) / scale after imputing a missing cell with `impute`. */
export const NumericFeature = z.object({
  type: z.literal('numeric'),
  name: z.string(),
  impute: z.number(),
  center: z.number(),
  scale: z.number(),
});

/** One-hot over `categories`, then one more slot for any value not in the list. */
export const CategoricalFeature = z.object({
  type: z.literal('categorical'),
  name: z.string(),
  categories: z.array(z.string()),
  impute: z.string(),
});

export const FeatureTransform = z.discriminatedUnion('type', [NumericFeature, CategoricalFeature]);
export type FeatureTransform = z.infer<typeof FeatureTransform>;

/** Regression targets: the network predicts (y − center) / scale. */
export const RegressionTarget = z.object({
  type: z.literal('regression'),
  names: z.array(z.string()).min(1),
  center: z.array(z.number()),
  scale: z.array(z.number()),
});

/** binary: one sigmoid output for classes[1]; multiclass: one softmax output per class. */
export const ClassTarget = z.object({
  type: z.enum(['binary', 'multiclass']),
  name: z.string(),
  classes: z.array(z.string()).min(2),
});

/** multilabel: one sigmoid output per target column (each a 0/1 or true/false column). */
export const MultilabelTarget = z.object({
  type: z.literal('multilabel'),
  names: z.array(z.string()).min(1),
});

export const TargetTransform = z.discriminatedUnion('type', [RegressionTarget, ClassTarget, MultilabelTarget]);
export type TargetTransform = z.infer<typeof TargetTransform>;

/**
 * preprocessing.json, exported beside model.json: replaying it on a raw row gives the model's input.
 * Features are concatenated in order: a numeric feature is one input, a categorical one is
 * `categories.length + 1` inputs.
 */
export const PreprocessingArtifact = z
  .object({
    version: z.literal(1),
    features: z.array(FeatureTransform),
    inputSize: z.number().int().min(1),
    inputShape: z.array(z.number().int()).optional().meta({ description: 'cnn: the input is reshaped to this' }),
    target: TargetTransform,
  })
  .meta({ id: 'PreprocessingArtifact' });
export type PreprocessingArtifact = z.infer<typeof PreprocessingArtifact>;
