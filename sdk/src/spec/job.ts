import { z } from 'zod';
import { JOB_ERROR_CODES } from './errors.js';
import { JobId, ModelId, SweepId, Timestamp } from './ids.js';
import { JobResult } from './job-result.js';
import { LrFinderOptions } from './lr-finder.js';
import { MetricNameSchema } from './metric-names.js';
import { pageOf } from './page.js';
import { StoppedBy } from './stopped-by.js';
import { ResolvedTrainingSpec } from './training-spec.js';

export const JobStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatus>;
export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set(['succeeded', 'failed', 'cancelled']);

export const JobType = z.enum(['train', 'lr_finder', 'sweep_trial']);
export type JobType = z.infer<typeof JobType>;

export const Backend = z.enum(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
export type Backend = z.infer<typeof Backend>;

/** One finished epoch. Regression adds mae/r2, classification accuracy (and valF1 for multiclass). */
export const EpochMetrics = z
  .object({
    epoch: z.number().int().min(1),
    loss: z.number(),
    valLoss: z.number().optional(),
    accuracy: z.number().optional(),
    valAccuracy: z.number().optional(),
    mae: z.number().optional(),
    valMae: z.number().optional(),
    r2: z.number().optional(),
    valR2: z.number().optional(),
    valF1: z.number().optional(),
    lr: z.number().meta({ description: 'The learning rate in use at the end of the epoch' }),
    seconds: z.number().min(0),
  })
  .meta({ id: 'EpochMetrics' });
export type EpochMetrics = z.infer<typeof EpochMetrics>;

export const MetricsHistory = z.object({ jobId: JobId, history: z.array(EpochMetrics) }).meta({ id: 'MetricsHistory' });
export type MetricsHistory = z.infer<typeof MetricsHistory>;

export const Progress = z.object({
  epoch: z.number().int().min(0),
  epochs: z.number().int().min(0),
  fraction: z.number().min(0).max(1),
});

export const Best = z.object({ epoch: z.number().int().min(1), monitor: MetricNameSchema, value: z.number() });
export type Best = z.infer<typeof Best>;

export const JobError = z.object({ code: z.enum(JOB_ERROR_CODES), message: z.string() });
export type JobError = z.infer<typeof JobError>;

/** Metrics on the held-out test split: loss plus the task's metrics. */
export const TestMetrics = z.record(z.string(), z.number()).meta({ id: 'TestMetrics' });
export type TestMetrics = z.infer<typeof TestMetrics>;

export const Job = z
  .object({
    id: JobId,
    type: JobType,
    status: JobStatus,
    spec: ResolvedTrainingSpec,
    progress: Progress,
    metrics: EpochMetrics.nullable().meta({ description: 'The latest finished epoch' }),
    best: Best.nullable(),
    stoppedEarly: z.boolean(),
    testMetrics: TestMetrics.nullable(),
    modelId: ModelId.nullable(),
    result: JobResult.nullable().meta({ description: 'lr_finder: the curve and suggestion; train: the lr used (and the LR finder run for "auto"), SWA before/after' }),
    lrFinder: LrFinderOptions.nullable().meta({ description: 'lr_finder jobs: the range test settings' }),
    error: JobError.nullable(),
    backend: Backend.nullable(),
    sweepId: SweepId.nullable(),
    stoppedBy: StoppedBy.nullable().default(null).meta({ description: 'Sweep trials stopped early by the sweep\'s rule (ASHA): where and why' }),
    attempts: z.number().int().min(0).meta({ description: 'How many times a trainer started this job' }),
    cancelRequested: z.boolean(),
    createdAt: Timestamp,
    startedAt: Timestamp.nullable(),
    finishedAt: Timestamp.nullable(),
    heartbeatAt: Timestamp.nullable(),
  })
  .meta({ id: 'Job' });
export type Job = z.infer<typeof Job>;

export const JobList = pageOf(Job, 'JobList');
export type JobList = z.infer<typeof JobList>;

export const JobListQuery = z.object({ status: JobStatus.optional(), type: JobType.optional() });
