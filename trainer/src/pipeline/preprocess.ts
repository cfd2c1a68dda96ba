import { DatasetError, type Column, type Table } from '@layerlab/api/data';
import type { FeatureTransform, PreprocessingArtifact, ResolvedTask, TargetTransform, TrainingSpec } from '@layerlab/sdk/spec';
import { classesOf, columnByName, flagOf, labelOf } from './targets.js';

/** The feature columns of a spec: include (or every column but the targets), minus exclude; text only if included. */
export function featureColumns(table: Table, spec: Pick<TrainingSpec, 'features'>, targets: string[], textColumns: Set<string>): Column[] {
  const exclude = new Set([...spec.features.exclude, ...targets]);
  if (spec.features.include !== undefined) {
    return spec.features.include.filter((name) => !exclude.has(name)).map((name) => columnByName(table, name));
  }
  return table.columns.filter((column) => !exclude.has(column.name) && !textColumns.has(column.name));
}

function presentValues(column: Column, rows: Int32Array): Float64Array {
  const values = new Float64Array(rows.length);
  let count = 0;
  for (const row of rows) {
    const value = column.numbers[row] ?? Number.NaN;
    if (!Number.isNaN(value)) values[count++] = value;
  }
  return values.subarray(0, count);
}

function median(values: Float64Array): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function moments(values: Float64Array) {
  let mean = 0;
  let m2 = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  values.forEach((value, i) => {
    const delta = value - mean;
    mean += delta / (i + 1);
    m2 += delta * (value - mean);
    if (value < min) min = value;
    if (value > max) max = value;
  });
  const std = values.length === 0 ? 0 : Math.sqrt(m2 / values.length);
  return { mean, std, min: values.length === 0 ? 0 : min, max: values.length === 0 ? 0 : max };
}

/** center/scale for a scaling method; a constant column gets scale 1 rather than a division by 0. */
function scaling(method: 'standard' | 'minmax' | 'none', stats: ReturnType<typeof moments>) {
  if (method === 'standard') return { center: stats.mean, scale: stats.std > 1e-12 ? stats.std : 1 };
  if (method === 'minmax') return { center: stats.min, scale: stats.max - stats.min > 1e-12 ? stats.max - stats.min : 1 };
  return { center: 0, scale: 1 };
}

function fitNumeric(column: Column, rows: Int32Array, pre: TrainingSpec['preprocessing']): FeatureTransform {
  const values = presentValues(column, rows);
  const stats = moments(values);
  const impute = pre.missing === 'median' ? median(values) : pre.missing === 'zero' ? 0 : stats.mean;
  return { type: 'numeric', name: column.name, impute, ...scaling(pre.scaling, stats) };
}

function fitCategorical(column: Column, rows: Int32Array, maxCategories: number): FeatureTransform {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const value = column.strings[row];
    if (value !== null && value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return {
    type: 'categorical',
    name: column.name,
    categories: ranked.slice(0, maxCategories).map(([value]) => value),
    impute: ranked[0]?.[0] ?? '',
  };
}

type TargetScaling = TrainingSpec['preprocessing']['targetScaling'];
/** A regression output activation (what bounds the network's predictions). */
export type RegressionOutput = 'linear' | 'sigmoid' | 'tanh' | 'softplus';

/**
 * center/scale of one regression target so the network's output range fits it: linear
 * standardises (auto); sigmoid maps [min, max] onto [0, 1] and tanh onto [−1, 1] (auto or minmax);
 * softplus (auto) only divides by mean |y|, so positive stays positive; none is the identity.
 */
export function targetScaling(method: TargetScaling, output: RegressionOutput, values: Float64Array): { center: number; scale: number } {
  const stats = moments(values);
  const range = stats.max - stats.min > 1e-12 ? stats.max - stats.min : 1;
  if (method === 'none') return { center: 0, scale: 1 };
  if (output === 'tanh' && method !== 'standard') return { center: (stats.max + stats.min) / 2, scale: range / 2 };
  if (output === 'sigmoid' && method !== 'standard') return { center: stats.min, scale: range };
  if (output === 'softplus' && method === 'auto') {
    const meanAbs = values.reduce((sum, value) => sum + Math.abs(value), 0) / Math.max(1, values.length);
    return { center: 0, scale: meanAbs > 1e-12 ? meanAbs : 1 };
  }
  return scaling(method === 'auto' ? 'standard' : method, stats);
}

/** Fits the target transform: classes from every usable row, regression scaling from train rows. */
export function fitTarget(options: {
  table: Table;
  task: ResolvedTask;
  targets: string[];
  usable: Int32Array;
  train: Int32Array;
  targetScaling: TargetScaling;
  /** The regression output activation; default linear. */
  outputActivation?: RegressionOutput;
}): TargetTransform {
  const columns = options.targets.map((name) => columnByName(options.table, name));
  if (options.task === 'binary' || options.task === 'multiclass') {
    const column = columns[0] as Column;
    return { type: options.task, name: column.name, classes: classesOf(column, options.usable) };
  }
  if (options.task === 'multilabel') return { type: 'multilabel', names: options.targets };
  const output = options.outputActivation ?? 'linear';
  const fitted = columns.map((column) => targetScaling(options.targetScaling, output, presentValues(column, options.train)));
  return { type: 'regression', names: options.targets, center: fitted.map((f) => f.center), scale: fitted.map((f) => f.scale) };
}

/** Fits imputation, one-hot and scaling on the training rows only. */
export function fitFeatures(options: { table: Table; columns: Column[]; train: Int32Array; preprocessing: TrainingSpec['preprocessing'] }): FeatureTransform[] {
  return options.columns.map((column) =>
    column.kind === 'numeric'
      ? fitNumeric(column, options.train, options.preprocessing)
      : fitCategorical(column, options.train, options.preprocessing.maxCategories),
  );
}

export function inputSizeOf(features: FeatureTransform[]): number {
  return features.reduce((size, feature) => size + (feature.type === 'numeric' ? 1 : feature.categories.length + 1), 0);
}

/** Rows where no feature is missing (for `missing: drop`). */
export function rowsWithoutMissing(table: Table, features: Column[], rows: Int32Array): Int32Array {
  return rows.filter((row) => features.every((column) => labelOf(column, row) !== null));
}

/** The model input of table rows: row-major float32, `inputSize` values per row. */
export function encodeFeatures(artifact: PreprocessingArtifact, table: Table, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * artifact.inputSize);
  let offset = 0;
  for (const feature of artifact.features) {
    const column = columnByName(table, feature.name);
    if (feature.type === 'numeric') {
      if (column.kind !== 'numeric') throw new DatasetError(`column "${feature.name}" should be numeric`, feature.name);
      rows.forEach((row, i) => {
        const raw = column.numbers[row] ?? Number.NaN;
        out[i * artifact.inputSize + offset] = ((Number.isNaN(raw) ? feature.impute : raw) - feature.center) / feature.scale;
      });
      offset += 1;
      continue;
    }
    const slot = new Map(feature.categories.map((category, index) => [category, index]));
    rows.forEach((row, i) => {
      const text = labelOf(column, row) ?? feature.impute;
      out[i * artifact.inputSize + offset + (slot.get(text) ?? feature.categories.length)] = 1;
    });
    offset += feature.categories.length + 1;
  }
  return out;
}

/** The network's target of table rows: scaled values, class one-hots or flags. Also class indices. */
export function encodeTargets(artifact: PreprocessingArtifact, table: Table, rows: Int32Array) {
  const target = artifact.target;
  if (target.type === 'regression') {
    const width = target.names.length;
    const values = new Float32Array(rows.length * width);
    target.names.forEach((name, j) => {
      const column = columnByName(table, name);
      rows.forEach((row, i) => {
        values[i * width + j] = ((column.numbers[row] ?? Number.NaN) - (target.center[j] ?? 0)) / (target.scale[j] ?? 1);
      });
    });
    return { values, width, classIndex: null };
  }
  if (target.type === 'multilabel') {
    const width = target.names.length;
    const values = new Float32Array(rows.length * width);
    target.names.forEach((name, j) => {
      const column = columnByName(table, name);
      rows.forEach((row, i) => {
        values[i * width + j] = flagOf(column, row) ?? 0;
      });
    });
    return { values, width, classIndex: null };
  }
  const column = columnByName(table, target.name);
  const index = new Map(target.classes.map((label, i) => [label, i]));
  const classIndex = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    classIndex[i] = index.get(labelOf(column, row) ?? '') ?? 0;
  });
  if (target.type === 'binary') return { values: Float32Array.from(classIndex), width: 1, classIndex };
  const width = target.classes.length;
  const values = new Float32Array(rows.length * width);
  classIndex.forEach((label, i) => {
    values[i * width + label] = 1;
  });
  return { values, width, classIndex };
}

/** Output units of the network for a target transform. */
export function outputUnits(target: TargetTransform): number {
  if (target.type === 'regression' || target.type === 'multilabel') return target.names.length;
  return target.type === 'binary' ? 1 : target.classes.length;
}
