import { targetsOf, type Dataset, type ResolvedTask, type TrainingSpec } from '@layerlab/sdk/spec';
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
  try {
    const byName = new Map(dataset.columns.map((column) => [column.name, column]));
    return resolveTask({ task: spec.task, targets: targets.map((name) => byName.get(name)).filter((c) => c !== undefined), rows: dataset.rows });
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    throw new ApiError('DATASET_INVALID', error.message, { errors: [{ path: error.path ?? 'target', message: error.message }] });
  }
}
