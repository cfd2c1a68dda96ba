import type { z } from 'zod';
import type {
  AdamOptimizer,
  CompareMetric,
  SweepCreate,
  SweepGoal,
  EarlyStopping,
  JobId,
  JobListQuery,
  LrFinderOptions,
  MetricName,
  OptimizerSpec,
  PageQuery,
  PlateauSchedule,
  PredictRequest,
  ScheduleSpec,
  Swa,
  SweepId,
  TrainingSpec,
} from '../spec/index.js';

/*
 * Request types come from the zod contract (z.input: what may be sent, defaults optional). Where
 * the contract normalises input with z.preprocess its z.input is `unknown`; those few fields are
 * re-derived here from the schema inside the preprocess step, so a typo still fails to compile.
 */

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** `valLoss` → `val_loss`: the Keras spelling the API also accepts. */
type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;

/** A metric name as the API accepts it: `valLoss` or `val_loss`. */
export type MetricNameParam = MetricName | SnakeCase<MetricName>;

type WithMonitor<T> = Simplify<Omit<T, 'monitor'> & { monitor?: MetricNameParam }>;

/** `optimizer`: one of the named optimizers, or adam's fields without a name (it is the default). */
export type OptimizerParams =
  | z.input<(typeof OptimizerSpec)['out']>
  | Simplify<Omit<z.input<typeof AdamOptimizer>, 'name'> & { name?: 'adam' }>;

type Schedules = z.input<typeof ScheduleSpec>;
/** `schedule`: constant, exponential, step, plateau, one_cycle or cosine, with their options. */
export type ScheduleParams = Exclude<Schedules, { type: 'plateau' }> | WithMonitor<z.input<typeof PlateauSchedule>>;

/** What `jobs.create` takes: a TrainingSpec where every field but `dataset` and `target` has a default. */
export type TrainingSpecParams = Simplify<
  Omit<z.input<typeof TrainingSpec>, 'optimizer' | 'schedule' | 'earlyStopping' | 'swa'> & {
    optimizer?: OptimizerParams;
    schedule?: ScheduleParams;
    /** `false` turns it off, `true` keeps the defaults. */
    earlyStopping?: boolean | WithMonitor<z.input<typeof EarlyStopping>>;
    /** `true` uses the defaults. */
    swa?: boolean | z.input<typeof Swa>;
  }
>;

/** `lrFinder.create`: a training spec plus the range-test settings (minLr, maxLr, steps...). */
export type LrFinderCreateParams = Simplify<TrainingSpecParams & z.input<typeof LrFinderOptions>>;

/** `limit` (1–100, default 20) and `cursor` of every list. */
export type PageParams = Simplify<Omit<z.input<typeof PageQuery>, 'limit'> & { limit?: z.output<typeof PageQuery>['limit'] }>;

export type JobListParams = Simplify<PageParams & z.input<typeof JobListQuery> & { sweepId?: z.input<typeof SweepId> }>;

export type PredictParams = z.input<typeof PredictRequest>;

/** A job id (`job_...`). */
export type JobIdParam = z.input<typeof JobId>;

/** `sweeps.create`: the base spec, the parameters to vary, the metric, maxRuns, parallelism, ASHA. */
export type SweepCreateParams = Simplify<
  Omit<z.input<typeof SweepCreate>, 'base' | 'metric'> & {
    base: TrainingSpecParams;
    /** Default `{ name: 'valLoss' }`; `goal` defaults to maximize for accuracy/r2/f1, minimize otherwise. */
    metric?: { name?: MetricNameParam; goal?: z.input<typeof SweepGoal> };
  }
>;

/** A metric `/v1/compare` can align: any epoch metric, `lr` or `seconds` (camelCase or snake_case). */
export type CompareMetricParam = CompareMetric | SnakeCase<CompareMetric>;

export interface CompareParams {
  /** 1 to 20 job ids. */
  jobs: string[];
  /** Default `valLoss`. */
  metric?: CompareMetricParam;
}
