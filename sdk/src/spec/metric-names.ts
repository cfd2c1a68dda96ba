import { z } from 'zod';

/** Every metric an epoch can report; `val*` are computed on the validation split. */
export const METRIC_NAMES = [
  'loss',
  'valLoss',
  'accuracy',
  'valAccuracy',
  'mae',
  'valMae',
  'r2',
  'valR2',
  'valF1',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** Metrics where larger is better; the rest are minimised. */
export const MAXIMIZED_METRICS: ReadonlySet<MetricName> = new Set(['accuracy', 'valAccuracy', 'r2', 'valR2', 'valF1']);

/** `val_loss` (Keras spelling) → `valLoss`. */
export function camelMetric(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
}

/** A metric name, accepting the Keras spelling (`val_loss`) and storing camelCase (`valLoss`). */
export const MetricNameSchema = z.preprocess(
  (value) => (typeof value === 'string' ? camelMetric(value) : value),
  z.enum(METRIC_NAMES),
);

/** min for losses and errors, max for accuracy, r2 and f1. */
export function metricMode(name: MetricName): 'min' | 'max' {
  return MAXIMIZED_METRICS.has(name) ? 'max' : 'min';
}
