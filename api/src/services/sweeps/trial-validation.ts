import { TrainingSpec, type Dataset, type PlannedTrial, type ProblemFieldError, type ResolvedTask, type SweepCreate } from '@layerlab/sdk/spec';
import type { z } from 'zod';
import { ApiError } from '../../errors/api-error.js';
import { checkSpecAgainstDataset } from '../spec-check.js';
import { setPath } from './spec-paths.js';

/** Metrics each kind of task reports per epoch (val* only with a validation split). */
const METRICS_BY_TASK: Record<ResolvedTask, readonly string[]> = {
  regression: ['loss', 'mae', 'valLoss', 'valMae', 'valR2'],
  binary: ['loss', 'accuracy', 'valLoss', 'valAccuracy'],
  multiclass: ['loss', 'accuracy', 'valLoss', 'valAccuracy', 'valF1'],
  multilabel: ['loss', 'accuracy', 'valLoss', 'valAccuracy'],
};

/** The base spec with one trial's parameters set. */
export function trialInput(base: TrainingSpec, params: Record<string, unknown>): Record<string, unknown> {
  let spec: Record<string, unknown> = { ...base };
  for (const [path, value] of Object.entries(params)) spec = setPath(spec, path, value);
  return spec;
}

const startsWith = (path: string[], prefix: string[]) => prefix.every((segment, i) => path[i] === segment);

/** Names the parameter behind a spec problem (the one whose path contains, or is inside, the problem's). */
function blame(trial: PlannedTrial, issuePath: string[], message: string, unknownKeys: string[] = []): ProblemFieldError {
  const where = issuePath.join('.');
  for (const [param, value] of Object.entries(trial.params)) {
    const segments = param.split('.');
    if (unknownKeys.length > 0 && startsWith(segments, issuePath) && unknownKeys.includes(segments[issuePath.length] ?? '')) {
      const of = issuePath.length === 0 ? 'the training spec' : `${where} (as the base spec sets it)`;
      return { path: `parameters.${param}`, message: `"${param}" is not a field of ${of}` };
    }
    if (startsWith(issuePath, segments) || startsWith(segments, issuePath)) {
      return { path: `parameters.${param}`, message: `trial ${trial.index} sets ${JSON.stringify(value)}: ${where === param ? '' : `${where} `}${message}` };
    }
  }
  return { path: `base.${where}`, message: `${message} (trial ${trial.index}: ${JSON.stringify(trial.params)})` };
}

function issueErrors(trial: PlannedTrial, issues: readonly z.core.$ZodIssue[]): ProblemFieldError[] {
  return issues.map((issue) =>
    blame(trial, issue.path.map(String), issue.message, issue.code === 'unrecognized_keys' ? issue.keys : []),
  );
}

/** One trial's spec, parsed and checked against the dataset, with task: auto resolved. */
function checkTrial(base: TrainingSpec, trial: PlannedTrial, dataset: Dataset): { spec: TrainingSpec; errors: ProblemFieldError[] } | { errors: ProblemFieldError[] } {
  const parsed = TrainingSpec.safeParse(trialInput(base, trial.params));
  if (!parsed.success) return { errors: issueErrors(trial, parsed.error.issues) };
  let task: ResolvedTask;
  try {
    task = checkSpecAgainstDataset(parsed.data, dataset);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const problems = error.errors ?? [{ path: '', message: error.detail }];
    return { errors: problems.map((problem) => blame(trial, problem.path.split('.'), problem.message)) };
  }
  const resolved = TrainingSpec.safeParse({ ...parsed.data, task });
  if (!resolved.success) return { errors: issueErrors(trial, resolved.error.issues) };
  return { spec: resolved.data, errors: [] };
}

/**
 * Validates every trial before any GPU time is spent: each spec must parse, fit the dataset,
 * report the sweep's metric and outlast the first ASHA rung. Returns the resolved trial specs;
 * throws one 422 listing the problems (at most 10), each naming the parameter to change.
 */
export function validateTrials(options: { sweep: SweepCreate; trials: PlannedTrial[]; dataset: Dataset }): TrainingSpec[] {
  const errors = new Map<string, ProblemFieldError>();
  const specs: TrainingSpec[] = [];
  for (const trial of options.trials) {
    const checked = checkTrial(options.sweep.base, trial, options.dataset);
    for (const error of checked.errors) if (!errors.has(error.path)) errors.set(error.path, error);
    if (errors.size >= 10) break;
    if ('spec' in checked) specs.push(checked.spec);
  }
  if (errors.size === 0) {
    const { metric, earlyTerminate } = options.sweep;
    const first = specs[0];
    if (first !== undefined && first.task !== 'auto') {
      const reported = METRICS_BY_TASK[first.task].filter((name) => !name.startsWith('val') || first.split.validation > 0);
      if (!reported.includes(metric.name)) {
        errors.set('metric.name', { path: 'metric.name', message: `"${metric.name}" is not reported for a ${first.task} task here; use one of ${reported.join(', ')}` });
      }
    }
    const tooShort = specs.find((spec) => spec.epochs <= (earlyTerminate?.minEpochs ?? 0));
    if (earlyTerminate !== null && tooShort !== undefined) {
      errors.set('earlyTerminate.minEpochs', {
        path: 'earlyTerminate.minEpochs',
        message: `must be below the trials' epochs (${tooShort.epochs}), or no trial is ever judged`,
      });
    }
  }
  if (errors.size > 0) {
    const list = [...errors.values()];
    throw new ApiError('VALIDATION_FAILED', `${list.length} problem(s) in the sweep's trials: ${list.slice(0, 2).map((e) => `${e.path} ${e.message}`).join('; ')}`, {
      errors: list,
      title: 'Invalid sweep',
    });
  }
  return specs;
}
