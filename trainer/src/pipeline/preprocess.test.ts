import { parseCsv } from '@layerlab/api/data';
import { TrainingSpec } from '@layerlab/sdk/spec';
import { describe, expect, it } from 'vitest';
import { encodeFeatures, encodeTargets, featureColumns, fitFeatures, fitTarget, inputSizeOf } from './preprocess.js';

// rows 0-3 are the training split; row 4 has an extreme value and an unseen category; row 5 is missing both
const table = parseCsv('x,color,y\n1,a,10\n2,b,20\n3,a,30\n4,c,40\n100,z,50\n,,60\n');
const train = Int32Array.from([0, 1, 2, 3]);
const spec = (preprocessing: Record<string, unknown> = {}) =>
  TrainingSpec.parse({ dataset: 'ds_0000000000000000', target: 'y', preprocessing });

function fitted(preprocessing: Record<string, unknown> = {}) {
  const s = spec(preprocessing);
  const columns = featureColumns(table, s, ['y'], new Set());
  return fitFeatures({ table, columns, train, preprocessing: s.preprocessing });
}

describe('preprocessing', () => {
  it('fits standard scaling and mean imputation on the training rows only', () => {
    const [x] = fitted();
    // train x = 1,2,3,4: mean 2.5, population std sqrt(1.25) = 1.1180339887
    expect(x).toMatchObject({ type: 'numeric', name: 'x', impute: 2.5, center: 2.5 });
    expect(x?.type === 'numeric' && x.scale).toBeCloseTo(1.1180339887, 9);
  });

  it('fits minmax scaling and median imputation', () => {
    const [x] = fitted({ scaling: 'minmax', missing: 'median' });
    expect(x).toMatchObject({ impute: 2.5, center: 1, scale: 3 });
  });

  it('one-hot encodes by frequency with an unseen bucket, and imputes the most frequent value', () => {
    const [, color] = fitted();
    expect(color).toEqual({ type: 'categorical', name: 'color', categories: ['a', 'b', 'c'], impute: 'a' });
  });

  it('encodes rows, replaying the fitted transform', () => {
    const features = fitted();
    const artifact = { version: 1 as const, features, inputSize: inputSizeOf(features), target: { type: 'regression' as const, names: ['y'], center: [0], scale: [1] } };
    expect(artifact.inputSize).toBe(1 + 4);
    const x = encodeFeatures(artifact, table, Int32Array.from([0, 4, 5]));
    const s = Math.sqrt(1.25);
    const expected = [
      [(1 - 2.5) / s, 1, 0, 0, 0], // a
      [(100 - 2.5) / s, 0, 0, 0, 1], // unseen z → last slot
      [0, 1, 0, 0, 0], // missing x → mean → 0; missing color → 'a'
    ].flat();
    expect(Array.from(x).map((v) => Number(v.toFixed(5)))).toEqual(expected.map((v) => Number(v.toFixed(5))));
  });

  it('standardises a regression target on the training rows and encodes it', () => {
    const target = fitTarget({ table, task: 'regression', targets: ['y'], usable: Int32Array.from([0, 1, 2, 3, 4, 5]), train, targetScaling: 'auto' });
    // train y = 10,20,30,40: mean 25, std sqrt(125)
    expect(target).toMatchObject({ type: 'regression', names: ['y'], center: [25] });
    expect(target.type === 'regression' && target.scale[0]).toBeCloseTo(Math.sqrt(125), 9);
    const artifact = { version: 1 as const, features: [], inputSize: 0, target };
    const { values } = encodeTargets(artifact, table, Int32Array.from([4]));
    expect(values[0]).toBeCloseTo((50 - 25) / Math.sqrt(125), 5);
  });

  it('encodes classes in sorted order, numerically for numbers', () => {
    const t = parseCsv('label\n10\n9\n10\n2\n');
    const target = fitTarget({ table: t, task: 'multiclass', targets: ['label'], usable: Int32Array.from([0, 1, 2, 3]), train: Int32Array.from([0, 1]), targetScaling: 'auto' });
    expect(target).toEqual({ type: 'multiclass', name: 'label', classes: ['2', '9', '10'] });
    const { values, classIndex } = encodeTargets({ version: 1, features: [], inputSize: 0, target }, t, Int32Array.from([0, 3]));
    expect(Array.from(classIndex ?? [])).toEqual([2, 0]);
    expect(Array.from(values)).toEqual([0, 0, 1, 1, 0, 0]);
  });

  it('keeps explicit include lists and never uses the target or text columns as features', () => {
    const s = TrainingSpec.parse({ dataset: 'ds_0000000000000000', target: 'y', features: { exclude: ['color'] } });
    expect(featureColumns(table, s, ['y'], new Set()).map((c) => c.name)).toEqual(['x']);
    expect(featureColumns(table, spec(), ['y'], new Set(['color'])).map((c) => c.name)).toEqual(['x']);
    const included = TrainingSpec.parse({ dataset: 'ds_0000000000000000', target: 'y', features: { include: ['color'] } });
    expect(featureColumns(table, included, ['y'], new Set(['color'])).map((c) => c.name)).toEqual(['color']);
  });
});
