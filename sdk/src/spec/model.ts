import { z } from 'zod';
import { ColumnType, Row } from './dataset.js';
import { JobId, ModelId, Timestamp } from './ids.js';
import { Backend, TestMetrics } from './job.js';
import { pageOf } from './page.js';

export const ModelLayer = z.object({
  type: z.string().meta({ example: 'Dense' }),
  units: z.number().int().optional(),
  activation: z.string().optional(),
});

export const Model = z
  .object({
    id: ModelId,
    jobId: JobId,
    task: z.enum(['regression', 'binary', 'multiclass', 'multilabel']),
    features: z.array(z.object({ name: z.string(), type: ColumnType })),
    target: z.union([z.string(), z.array(z.string())]),
    classes: z.array(z.string()).optional().meta({ description: 'Classification: the labels, in output order' }),
    architecture: z.object({ layers: z.array(ModelLayer), params: z.number().int() }),
    testMetrics: TestMetrics,
    backend: Backend,
    createdAt: Timestamp,
  })
  .meta({ id: 'Model' });
export type Model = z.infer<typeof Model>;

export const ModelList = pageOf(Model, 'ModelList');

export const MAX_PREDICT_ROWS = 1000;

export const PredictRequest = z
  .object({ rows: z.array(Row).min(1).max(MAX_PREDICT_ROWS) })
  .strict()
  .meta({ id: 'PredictRequest', description: 'Raw, unscaled rows: the model carries its preprocessing' });
export type PredictRequest = z.infer<typeof PredictRequest>;

export const ClassPrediction = z.object({
  label: z.string(),
  probabilities: z.record(z.string(), z.number()),
});
export const MultilabelPrediction = z.object({
  labels: z.array(z.string()).meta({ description: 'Every class with probability ≥ 0.5' }),
  probabilities: z.record(z.string(), z.number()),
});
export const ValuePrediction = z.object({ value: z.number() });
export const ValuesPrediction = z.object({ values: z.record(z.string(), z.number()) });

export const Prediction = z.union([ClassPrediction, MultilabelPrediction, ValuePrediction, ValuesPrediction]);
export type Prediction = z.infer<typeof Prediction>;

export const PredictResponse = z
  .object({ modelId: ModelId, predictions: z.array(Prediction) })
  .meta({ id: 'PredictResponse' });
export type PredictResponse = z.infer<typeof PredictResponse>;

export const ArtifactFile = z.object({
  name: z.enum(['model.json', 'weights.bin', 'preprocessing.json']),
  url: z.string().meta({ description: 'Fetch with the same API key, or as is until expiresAt (token in the URL)' }),
  sizeBytes: z.number().int(),
  contentType: z.string(),
});

export const Artifacts = z
  .object({
    modelId: ModelId,
    format: z.literal('tfjs-layers-model'),
    files: z.array(ArtifactFile),
    expiresAt: Timestamp,
    loadWith: z.string().meta({ example: "tf.loadLayersModel('<model.json url>')" }),
  })
  .meta({ id: 'Artifacts' });
export type Artifacts = z.infer<typeof Artifacts>;
