import { z } from 'zod';
import { JobId, SweepId, Timestamp } from './ids.js';
import { JobStatus } from './job.js';
import { MAXIMIZED_METRICS, MetricNameSchema } from './metric-names.js';
import { pageOf } from './page.js';
import { StoppedBy } from './stopped-by.js';
import { ResolvedTrainingSpec, TrainingSpec } from './training-spec.js';

/** A dotted spec path a sweep sets, e.g. `model.hidden.layers` or `optimizer.learningRate`. */
export const ParameterPath = z
  .string()
  .max(200)
  .regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/, 'must be a dotted spec path such as "optimizer.learningRate"');

export const ParameterValues = z
  .object({ values: z.array(z.unknown()).min(1).max(1000).meta({ description: 'Any JSON values, tried as given' }) })
  .strict();

export const ParameterRange = z
  .object({
    min: z.number(),
    max: z.number(),
    distribution: z.enum(['uniform', 'log_uniform', 'int_uniform']).default('uniform').meta({
      description: 'uniform on [min, max); log_uniform: uniform in log space (min > 0); int_uniform: integers min..max inclusive',
    }),
  })
  .strict()
  .superRefine((range, ctx) => {
    if (range.max < range.min) ctx.addIssue({ code: 'custom', path: ['max'], message: 'must be ≥ min' });
    if (range.distribution === 'log_uniform' && range.min <= 0) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'must be > 0 for log_uniform' });
    }
    if (range.distribution === 'int_uniform' && (!Number.isInteger(range.min) || !Number.isInteger(range.max))) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'min and max must be integers for int_uniform' });
    }
  });

/** One swept parameter: a list of values, or a range with a distribution. */
export const SweepParameter = z.union([ParameterValues, ParameterRange]).meta({ id: 'SweepParameter' });
export type SweepParameter = z.infer<typeof SweepParameter>;

export const SweepGoal = z.enum(['minimize', 'maximize']);

/** The metric trials are ranked by; `goal` defaults to maximize for accuracy/r2/f1, minimize otherwise. */
export const SweepMetric = z
  .object({
    name: MetricNameSchema.default('valLoss'),
    goal: SweepGoal.optional().meta({ description: 'default: maximize for accuracy, r2 and f1; minimize otherwise' }),
  })
  .strict();
export type SweepMetric = z.infer<typeof SweepMetric>;

/** The goal a sweep metric is ranked by: the given one, else by the metric's kind. */
export function sweepGoal(metric: SweepMetric): 'minimize' | 'maximize' {
  return metric.goal ?? (MAXIMIZED_METRICS.has(metric.name) ? 'maximize' : 'minimize');
}

/** Asynchronous successive halving: at epochs minEpochs·eta^k a trial continues only in the top 1/eta. */
export const AshaRule = z
  .object({
    type: z.literal('asha'),
    minEpochs: z.number().int().min(1).max(10000).default(1).meta({ description: 'Epochs before the first rung' }),
    eta: z.number().int().min(2).max(10).default(3).meta({ description: 'Keep the top 1/eta at each rung' }),
  })
  .strict();
export type AshaRule = z.infer<typeof AshaRule>;

export const SweepMethod = z.enum(['grid', 'random']);

/** `POST /v1/sweeps`: a base spec, the parameters to vary, how to pick trials and when to stop them. */
export const SweepCreate = z
  .object({
    name: z.string().max(200).optional(),
    base: TrainingSpec,
    method: SweepMethod.default('random').meta({
      description: 'grid: every combination, the first parameter varying slowest; random: draws from each parameter',
    }),
    parameters: z
      .record(ParameterPath, SweepParameter)
      .refine((parameters) => Object.keys(parameters).length >= 1 && Object.keys(parameters).length <= 16, 'must set 1 to 16 parameters'),
    metric: SweepMetric.default({ name: 'valLoss' }),
    maxRuns: z.number().int().min(1).max(1000).optional().meta({ description: 'random: default 20; grid: default every combination' }),
    parallelism: z.number().int().min(1).max(64).default(4).meta({ description: 'Trials unfinished at once' }),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional().meta({ description: 'random: same seed, same trial list (drawn and shown when omitted)' }),
    earlyTerminate: AshaRule.nullable().default(null),
  })
  .strict()
  .meta({ id: 'SweepCreate' });
export type SweepCreate = z.infer<typeof SweepCreate>;
export type SweepCreateInput = z.input<typeof SweepCreate>;

export const SweepCreateQuery = z.object({
  dryRun: z.enum(['true', 'false', '1', '0']).optional().meta({ description: 'true: answer the trial list without running it' }),
});

/** The values one trial sets, keyed by parameter path. */
export const TrialParams = z.record(z.string(), z.unknown());
export type TrialParams = z.infer<typeof TrialParams>;

export const PlannedTrial = z.object({ index: z.number().int().min(0), params: TrialParams });
export type PlannedTrial = z.infer<typeof PlannedTrial>;

/** `?dryRun=true`: what the sweep would run. */
export const SweepPlan = z
  .object({ method: SweepMethod, seed: z.number().int().nullable(), count: z.number().int(), trials: z.array(PlannedTrial) })
  .meta({ id: 'SweepPlan' });
export type SweepPlan = z.infer<typeof SweepPlan>;

export const SweepStatus = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type SweepStatus = z.infer<typeof SweepStatus>;

/** One trial: `pending` until its job exists, then its job's status. */
export const SweepRun = z
  .object({
    index: z.number().int().min(0),
    jobId: JobId.nullable(),
    params: TrialParams,
    status: z.union([JobStatus, z.literal('pending')]),
    metric: z.number().nullable().meta({ description: "The best value of the sweep's metric so far" }),
    epochs: z.number().int().min(0).meta({ description: 'Epochs finished' }),
    stoppedBy: StoppedBy.nullable(),
  })
  .meta({ id: 'SweepRun' });
export type SweepRun = z.infer<typeof SweepRun>;

export const SweepBest = z.object({ index: z.number().int(), jobId: JobId, params: TrialParams, metric: z.number() });

export const Sweep = z
  .object({
    id: SweepId,
    name: z.string().nullable(),
    status: SweepStatus,
    method: SweepMethod,
    parameters: z.record(z.string(), SweepParameter),
    metric: z.object({ name: MetricNameSchema, goal: SweepGoal }),
    maxRuns: z.number().int(),
    parallelism: z.number().int(),
    seed: z.number().int().nullable(),
    earlyTerminate: AshaRule.nullable(),
    base: ResolvedTrainingSpec,
    runs: z.array(SweepRun),
    best: SweepBest.nullable(),
    cancelRequested: z.boolean(),
    error: z.object({ code: z.string(), message: z.string() }).nullable().meta({ description: 'Why a sweep failed before running all its trials' }),
    createdAt: Timestamp,
    finishedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Sweep' });
export type Sweep = z.infer<typeof Sweep>;

export const SweepList = pageOf(Sweep, 'SweepList');
export type SweepList = z.infer<typeof SweepList>;
