import { targetsOf, type ColumnProfile, type Dataset, type ResolvedTask, type TrainingSpec } from '@layerlab/sdk/spec';
import { DatasetError } from '../data/dataset-error.js';
import { resolveTask } from '../data/task.js';
import { ApiError } from '../errors/api-error.js';

/** The feature columns a spec selects from a dataset's columns (text columns only when included). */
export function selectFeatures(spec: Pick<TrainingSpec, 'target' | 'features'>, dataset: Pick<Dataset, 'columns'>) {
  const targets = new Set(targetsOf(spec));
  const excluded = new Set(spec.features.exclude);
  if (spec.features.include !== undefined) {
    const include = new Set(spec.features.include);
    return dataset.columns.filter((column) => include.has(column.name) && !excluded.has(column.name));
  }
  return dataset.columns.filter((column) => !targets.has(column.name) && !excluded.has(column.name) && column.type !== 'text');
}

/**
 * Checks a spec against the dataset it names before any trainer time is spent, and resolves
 * `task: auto` from the target's profile. Throws 422s that name the offending field.
 */
export function checkSpecAgainstDataset(spec: TrainingSpec, dataset: Dataset): ResolvedTask {
  const names = new Set(dataset.columns.map((column) => column.name));
  const targets = targetsOf(spec);
  targets.forEach((target, index) => {
    if (!names.has(target)) {
      const path = typeof spec.target === 'string' ? 'target' : `target.${index}`;
      const message = `target column "${target}" not found; the dataset has ${[...names].slice(0, 20).join(', ')}`;
      throw new ApiError('DATASET_INVALID', message, { errors: [{ path, message }] });
    }
  });
  const errors: { path: string; message: string }[] = [];
  for (const key of ['include', 'exclude'] as const) {
    (spec.features[key] ?? []).forEach((name, index) => {
      if (!names.has(name)) errors.push({ path: `features.${key}.${index}`, message: `column "${name}" is not in dataset ${dataset.id}` });
    });
  }
  if (errors.length > 0) {
    throw new ApiError('VALIDATION_FAILED', `${errors.length} unknown column(s) in features`, { errors, title: 'Invalid training spec' });
  }
  const features = selectFeatures(spec, dataset);
  if (features.length === 0) {
    throw new ApiError('DATASET_INVALID', 'no feature columns left: every column is the target, excluded or free text', {
      errors: [{ path: 'features', message: 'selects no columns' }],
    });
  }
  checkCnnInput(spec, features);
  const byName = new Map(dataset.columns.map((column) => [column.name, column]));
  let task: ResolvedTask;
  try {
    task = resolveTask({ task: spec.task, targets: targets.map((name) => byName.get(name)).filter((c) => c !== undefined), rows: dataset.rows });
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    throw new ApiError('DATASET_INVALID', error.message, { errors: [{ path: error.path ?? 'target', message: error.message }] });
  }
  if (task === 'regression') checkOutputRange(spec, targets.map((name) => byName.get(name)).filter((c) => c !== undefined));
  return task;
}

/** A cnn reshapes its features to inputShape: they must all be numeric and exactly fill it (784 = 28 × 28 × 1). */
function checkCnnInput(spec: TrainingSpec, features: ColumnProfile[]): void {
  if (spec.model.type !== 'cnn' || spec.model.inputShape === undefined) return;
  const shape = spec.model.inputShape;
  const size = shape.reduce((product, side) => product * side, 1);
  const notNumeric = features.filter((column) => column.type !== 'numeric');
  const errors: { path: string; message: string }[] = [];
  if (notNumeric.length > 0) {
    const names = notNumeric.slice(0, 5).map((column) => `"${column.name}"`).join(', ');
    errors.push({ path: 'features', message: `a cnn needs numeric features only (pixels); ${names}${notNumeric.length > 5 ? '…' : ''} ${notNumeric.length === 1 ? 'is' : 'are'} not` });
  }
  if (features.length !== size) {
    errors.push({ path: 'model.inputShape', message: `[${shape.join(', ')}] holds ${size} values but the spec selects ${features.length} feature columns` });
  }
  if (errors.length > 0) throw new ApiError('VALIDATION_FAILED', `${errors.length} problem(s) with the cnn input`, { errors, title: 'Invalid training spec' });
}

/** Raw targets a bounded output cannot reach (targetScaling none, or softplus's positive range). */
function checkOutputRange(spec: TrainingSpec, targets: ColumnProfile[]): void {
  const output = spec.model.output.activation;
  const scaling = spec.preprocessing.targetScaling;
  const range: Record<string, [number, number] | undefined> = {
    sigmoid: scaling === 'none' ? [0, 1] : undefined,
    tanh: scaling === 'none' ? [-1, 1] : undefined,
    softplus: scaling === 'none' || scaling === 'auto' ? [0, Number.POSITIVE_INFINITY] : undefined,
  };
  const bounds = range[output];
  if (bounds === undefined) return;
  const errors = targets
    .filter((column) => (column.min ?? 0) < bounds[0] || (column.max ?? 0) > bounds[1])
    .map((column) => ({
      path: 'model.output.activation',
      message: `"${output}" outputs lie in [${bounds[0]}, ${bounds[1]}] but target "${column.name}" spans [${column.min}, ${column.max}]${output === 'softplus' ? '' : '; use targetScaling "auto" or "minmax"'}`,
    }));
  if (errors.length > 0) throw new ApiError('VALIDATION_FAILED', 'the output activation cannot reach the target values', { errors, title: 'Invalid training spec' });
}
