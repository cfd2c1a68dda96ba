import type { PlannedTrial, SweepParameter, TrialParams } from '@layerlab/sdk/spec';
import { ApiError } from '../../errors/api-error.js';
import { createRandom as seededRandom } from '../../random.js';

/** Random sweeps without `maxRuns` run this many trials. */
export const DEFAULT_RANDOM_RUNS = 20;
/** No sweep plans more trials than this. */
export const MAX_TRIALS = 1000;

export interface PlanOptions {
  method: 'grid' | 'random';
  parameters: Record<string, SweepParameter>;
  maxRuns?: number | undefined;
  /** random only; required there. */
  seed?: number | null | undefined;
}

function planError(path: string, message: string): ApiError {
  return new ApiError('VALIDATION_FAILED', `${path} ${message}`, { errors: [{ path, message }], title: 'Invalid sweep' });
}

/** One draw of a parameter with `u` uniform in [0, 1). */
export function drawValue(parameter: SweepParameter, u: number): unknown {
  if ('values' in parameter) return parameter.values[Math.min(parameter.values.length - 1, Math.floor(u * parameter.values.length))];
  const { min, max } = parameter;
  switch (parameter.distribution) {
    case 'int_uniform':
      return Math.min(max, min + Math.floor(u * (max - min + 1)));
    case 'log_uniform':
      return Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
    default:
      return min + u * (max - min);
  }
}

/** The values a grid takes for one parameter: its `values`, or every integer of an int_uniform range. */
function gridValues(path: string, parameter: SweepParameter): unknown[] {
  if ('values' in parameter) return parameter.values;
  if (parameter.distribution !== 'int_uniform') {
    throw planError(`parameters.${path}`, `a grid needs "values" (or an int_uniform range), not a ${parameter.distribution} range`);
  }
  const count = parameter.max - parameter.min + 1;
  if (count > MAX_TRIALS) throw planError(`parameters.${path}`, `has ${count} integers; a grid takes at most ${MAX_TRIALS}`);
  return Array.from({ length: count }, (_, i) => parameter.min + i);
}

/**
 * Every combination in order, the first parameter varying slowest (nested loops in the order the
 * parameters are written), cut at `maxRuns` (default: all of them, at most 1000).
 */
function planGrid(options: PlanOptions): PlannedTrial[] {
  const axes = Object.entries(options.parameters).map(([path, parameter]) => ({ path, values: gridValues(path, parameter) }));
  const total = axes.reduce((product, axis) => product * axis.values.length, 1);
  if (options.maxRuns === undefined && total > MAX_TRIALS) {
    throw planError('maxRuns', `the grid has ${total} combinations; set maxRuns (≤ ${MAX_TRIALS}) or fewer values`);
  }
  const count = Math.min(total, options.maxRuns ?? total);
  return Array.from({ length: count }, (_, index) => {
    const params: TrialParams = {};
    let rest = index;
    for (let a = axes.length - 1; a >= 0; a -= 1) {
      const axis = axes[a] as (typeof axes)[number];
      params[axis.path] = axis.values[rest % axis.values.length];
      rest = Math.floor(rest / axis.values.length);
    }
    // keep the parameters' own order in the object, as written
    return { index, params: Object.fromEntries(axes.map((axis) => [axis.path, params[axis.path]])) };
  });
}

/** `maxRuns` (default 20) independent draws, parameter by parameter, from one seeded stream. */
function planRandom(options: PlanOptions): PlannedTrial[] {
  if (options.seed === undefined || options.seed === null) throw new Error('a random plan needs a seed');
  const random = seededRandom(options.seed);
  const count = options.maxRuns ?? DEFAULT_RANDOM_RUNS;
  return Array.from({ length: count }, (_, index) => ({
    index,
    params: Object.fromEntries(Object.entries(options.parameters).map(([path, parameter]) => [path, drawValue(parameter, random())])),
  }));
}

/** The trial list of a sweep: grid order, or seeded random draws (same seed, same list). */
export function planTrials(options: PlanOptions): PlannedTrial[] {
  return options.method === 'grid' ? planGrid(options) : planRandom(options);
}
