import type { ColumnProfile, ResolvedTask, Task } from '@layerlab/sdk/spec';
import { DatasetError } from './dataset-error.js';

/** Integer targets with at most this many distinct values are classes, not quantities. */
export const MAX_INTEGER_CLASSES = 20;

const BOOLEAN_WORDS = new Set(['0', '1', 'true', 'false', 'yes', 'no', 'y', 'n', 't', 'f']);

function isIntegerColumn(column: ColumnProfile): boolean {
  return column.type === 'numeric' && column.min !== undefined && column.max !== undefined && column.mean !== undefined
    && Number.isInteger(column.min) && Number.isInteger(column.max);
}

function isBinaryFlag(column: ColumnProfile): boolean {
  if (column.type === 'numeric') return column.min !== undefined && column.min >= 0 && (column.max ?? 0) <= 1 && column.distinct <= 2;
  return column.distinct <= 2 && (column.top ?? []).every((entry) => BOOLEAN_WORDS.has(entry.value.toLowerCase()));
}

/**
 * The task a spec means, from the target columns' profiles: a list of 0/1 columns is multilabel,
 * a list of numeric ones regression; one non-numeric target is binary (2 values) or multiclass;
 * a numeric target is binary with 2 values, multiclass when integer with ≤ 20 values, else regression.
 * Also checks an explicit task against the data. Throws DatasetError with the reason.
 */
export function resolveTask(options: { task: Task; targets: ColumnProfile[]; rows: number }): ResolvedTask {
  const { task, targets } = options;
  for (const target of targets) {
    if (target.missing === options.rows) throw new DatasetError(`target column "${target.name}" has no values`, 'target');
  }
  if (targets.length > 1) {
    const flags = targets.every(isBinaryFlag);
    const numeric = targets.every((target) => target.type === 'numeric');
    if (task === 'multilabel' || (task === 'auto' && flags)) {
      const bad = targets.find((target) => !isBinaryFlag(target));
      if (bad !== undefined) throw new DatasetError(`multilabel target "${bad.name}" must hold 0/1 or true/false`, 'target');
      return 'multilabel';
    }
    const notNumeric = targets.find((target) => target.type !== 'numeric');
    if (!numeric && notNumeric !== undefined) {
      throw new DatasetError(`target "${notNumeric.name}" is not numeric: several targets need numbers (regression) or 0/1 flags (multilabel)`, 'target');
    }
    return 'regression';
  }
  const [target] = targets;
  if (target === undefined) throw new DatasetError('no target column', 'target');
  if (task === 'regression') {
    if (target.type !== 'numeric') throw new DatasetError(`regression needs a numeric target; "${target.name}" is ${target.type}`, 'target');
    return 'regression';
  }
  if (task === 'multilabel') {
    if (!isBinaryFlag(target)) throw new DatasetError(`multilabel target "${target.name}" must hold 0/1 or true/false`, 'target');
    return 'multilabel';
  }
  if (target.distinct < 2) {
    throw new DatasetError(`target column "${target.name}" has a single value: there is nothing to learn`, 'target');
  }
  if (task === 'binary' || task === 'multiclass') {
    if (task === 'binary' && target.distinct !== 2) {
      throw new DatasetError(`binary classification needs exactly 2 classes; "${target.name}" has ${target.distinct}`, 'target');
    }
    return task;
  }
  if (target.distinct === 2) return 'binary';
  if (target.type !== 'numeric') return 'multiclass';
  return isIntegerColumn(target) && target.distinct <= MAX_INTEGER_CLASSES ? 'multiclass' : 'regression';
}
