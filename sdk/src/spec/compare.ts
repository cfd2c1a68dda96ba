import { z } from 'zod';
import { JobId, SweepId } from './ids.js';
import { JobStatus, JobType } from './job.js';
import { camelMetric, METRIC_NAMES } from './metric-names.js';
import { SweepGoal } from './sweep.js';

/** What `/v1/compare` can chart: every epoch metric plus the learning rate and epoch seconds. */
export const COMPARE_METRICS = [...METRIC_NAMES, 'lr', 'seconds'] as const;
export const CompareMetric = z.preprocess(
  (value) => (typeof value === 'string' ? camelMetric(value) : value),
  z.enum(COMPARE_METRICS),
);
export type CompareMetric = (typeof COMPARE_METRICS)[number];

export const CompareQuery = z.object({
  jobs: z.string().min(1).max(2000).meta({ description: 'Comma-separated job ids (1 to 20)', example: 'job_a,job_b' }),
  metric: CompareMetric.default('valLoss'),
});

export const CompareSeries = z
  .object({
    jobId: JobId,
    name: z.string().nullable(),
    type: JobType,
    status: JobStatus,
    sweepId: SweepId.nullable(),
    values: z.array(z.number().nullable()).meta({ description: 'One per entry of `epochs`; null where the job has no value' }),
    best: z.object({ epoch: z.number().int(), value: z.number() }).nullable(),
  })
  .meta({ id: 'CompareSeries' });
export type CompareSeries = z.infer<typeof CompareSeries>;

/** Per-job series of one metric, aligned on a shared epoch axis. */
export const Comparison = z
  .object({
    metric: z.enum(COMPARE_METRICS),
    goal: SweepGoal,
    epochs: z.array(z.number().int()),
    series: z.array(CompareSeries),
  })
  .meta({ id: 'Comparison' });
export type Comparison = z.infer<typeof Comparison>;
