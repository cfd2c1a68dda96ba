import type { ColumnProfile } from '@layerlab/sdk/spec';
import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error.js';
import { resolveTask } from './task.js';

const numeric = (name: string, values: Partial<ColumnProfile>): ColumnProfile => ({ name, type: 'numeric', missing: 0, distinct: 10, min: 0, max: 1, mean: 0.5, std: 0.1, ...values });
const categorical = (name: string, top: string[]): ColumnProfile => ({ name, type: 'categorical', missing: 0, distinct: top.length, top: top.map((value) => ({ value, count: 1 })) });

describe('resolveTask', () => {
  it.each([
    ['a float target', [numeric('price', { distinct: 500, min: 1.5, max: 900.25 })], 'regression'],
    ['an integer target with many values', [numeric('rings', { distinct: 28, min: 1, max: 29 })], 'regression'],
    ['an integer target with few values', [numeric('digit', { distinct: 10, min: 0, max: 9 })], 'multiclass'],
    ['a 0/1 target', [numeric('survived', { distinct: 2, min: 0, max: 1 })], 'binary'],
    ['two strings', [categorical('income', ['<=50K', '>50K'])], 'binary'],
    ['three strings', [categorical('species', ['setosa', 'versicolor', 'virginica'])], 'multiclass'],
    ['several 0/1 columns', [numeric('a', { distinct: 2 }), numeric('b', { distinct: 2 })], 'multilabel'],
    ['several numeric columns', [numeric('x', { distinct: 90, max: 10 }), numeric('y', { distinct: 80, max: 3 })], 'regression'],
  ])('auto picks the task for %s', (_label, targets, task) => {
    expect(resolveTask({ task: 'auto', targets, rows: 100 })).toBe(task);
  });

  it('refuses a single-class target', () => {
    expect(() => resolveTask({ task: 'auto', targets: [categorical('y', ['only'])], rows: 5 })).toThrow(/single value/);
  });

  it('refuses an all-missing target', () => {
    expect(() => resolveTask({ task: 'auto', targets: [numeric('y', { missing: 5, distinct: 0 })], rows: 5 })).toThrow(DatasetError);
  });

  it('checks an explicit task against the data', () => {
    expect(() => resolveTask({ task: 'regression', targets: [categorical('y', ['a', 'b'])], rows: 5 })).toThrow(/numeric target/);
    expect(() => resolveTask({ task: 'binary', targets: [categorical('y', ['a', 'b', 'c'])], rows: 5 })).toThrow(/exactly 2 classes/);
    expect(resolveTask({ task: 'multiclass', targets: [numeric('y', { distinct: 40, max: 40 })], rows: 100 })).toBe('multiclass');
  });
});
