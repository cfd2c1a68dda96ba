import * as tf from '@tensorflow/tfjs';
import { DatasetError, resolveTask, type Table } from '@layerlab/api/data';
import { targetsOf, type Dataset, type PreprocessingArtifact, type ResolvedTask, type TrainingSpec } from '@layerlab/sdk/spec';
import type { SplitTensors } from '../train/evaluate.js';
import { outputActivation } from './build-model.js';
import { encodeFeatures, encodeTargets, featureColumns, fitFeatures, fitTarget, inputSizeOf, rowsWithoutMissing, type RegressionOutput } from './preprocess.js';
import { splitRows } from './split.js';
import { checkTargets, classesOf, columnByName, labelOf, rowsWithTargets } from './targets.js';

export interface PreparedData {
  task: ResolvedTask;
  artifact: PreprocessingArtifact;
  train: SplitTensors;
  validation: SplitTensors | null;
  test: SplitTensors | null;
}

function tensors(artifact: PreprocessingArtifact, table: Table, rows: Int32Array): SplitTensors {
  const x = encodeFeatures(artifact, table, rows);
  const y = encodeTargets(artifact, table, rows);
  const shape = artifact.inputShape === undefined ? [rows.length, artifact.inputSize] : [rows.length, ...artifact.inputShape];
  return { x: tf.tensor(x, shape, 'float32'), y: tf.tensor2d(y.values, [rows.length, y.width], 'float32'), count: rows.length };
}

/** load → profile → preprocess → split: from a table and spec to train/validation/test tensors. */
export function prepareData(options: { table: Table; meta: Dataset; spec: TrainingSpec }): PreparedData {
  const { table, meta, spec } = options;
  const targetNames = targetsOf(spec);
  const targetColumns = targetNames.map((name) => columnByName(table, name));
  const task =
    spec.task === 'auto'
      ? resolveTask({ task: 'auto', targets: meta.columns.filter((column) => targetNames.includes(column.name)), rows: meta.rows })
      : spec.task;
  const textColumns = new Set(meta.columns.filter((column) => column.type === 'text').map((column) => column.name));
  const features = featureColumns(table, spec, targetNames, textColumns);
  let usable = rowsWithTargets(table, targetColumns);
  if (spec.preprocessing.missing === 'drop') {
    const withTargets = usable.length;
    usable = rowsWithoutMissing(table, features, usable);
    if (usable.length === 0 && withTargets > 0) {
      throw new DatasetError('every row has a missing feature, so preprocessing.missing "drop" leaves no rows; use "mean", "median" or "zero"', 'preprocessing.missing');
    }
  }
  const classification = task === 'binary' || task === 'multiclass';
  const classes = classification ? classesOf(targetColumns[0] as (typeof targetColumns)[number], usable) : null;
  checkTargets({ task, targets: targetColumns, rows: usable, classes });

  let strata: Int32Array | undefined;
  if (classification && spec.split.stratify && classes !== null) {
    const index = new Map(classes.map((label, i) => [label, i]));
    const column = targetColumns[0] as (typeof targetColumns)[number];
    strata = Int32Array.from(usable, (row) => index.get(labelOf(column, row) ?? '') ?? 0);
  }
  const split = splitRows({ rows: usable, validation: spec.split.validation, test: spec.split.test, shuffle: spec.split.shuffle, seed: spec.seed, strata });
  const fitted = fitFeatures({ table, columns: features, train: split.train, preprocessing: spec.preprocessing });
  const artifact: PreprocessingArtifact = {
    version: 1,
    features: fitted,
    inputSize: inputSizeOf(fitted),
    target: fitTarget({
      table,
      task,
      targets: targetNames,
      usable,
      train: split.train,
      targetScaling: spec.preprocessing.targetScaling,
      outputActivation: outputActivation(task, spec.model.output.activation) as RegressionOutput,
    }),
    ...(spec.model.inputShape === undefined ? {} : { inputShape: spec.model.inputShape }),
  };
  return {
    task,
    artifact,
    train: tensors(artifact, table, split.train),
    validation: split.validation.length > 0 ? tensors(artifact, table, split.validation) : null,
    test: split.test.length > 0 ? tensors(artifact, table, split.test) : null,
  };
}

export function disposePrepared(data: PreparedData): void {
  for (const part of [data.train, data.validation, data.test]) if (part !== null) tf.dispose([part.x, part.y]);
}
