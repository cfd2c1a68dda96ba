import { describe, expect, it } from 'vitest';
import { splitRows } from './split.js';

const rows = Int32Array.from({ length: 30 }, (_, i) => i);
// rows 0-9 are class 0, rows 10-29 class 1
const strata = Int32Array.from(rows, (row) => (row < 10 ? 0 : 1));

describe('splitRows', () => {
  it('covers every row exactly once', () => {
    const split = splitRows({ rows, validation: 0.1, test: 0.2, shuffle: true, seed: 1 });
    const all = [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
    expect(all).toEqual([...rows]);
    expect([split.test.length, split.validation.length, split.train.length]).toEqual([6, 3, 21]);
  });

  it('keeps class ratios when stratified: 10 + 20 rows → test 2 + 4, validation 1 + 2', () => {
    const split = splitRows({ rows, validation: 0.1, test: 0.2, shuffle: true, seed: 7, strata });
    const count = (part: Int32Array, cls: number) => [...part].filter((row) => (row < 10 ? 0 : 1) === cls).length;
    expect([count(split.test, 0), count(split.test, 1)]).toEqual([2, 4]);
    expect([count(split.validation, 0), count(split.validation, 1)]).toEqual([1, 2]);
    expect([count(split.train, 0), count(split.train, 1)]).toEqual([7, 14]);
  });

  it('is a function of the seed', () => {
    const a = splitRows({ rows, validation: 0.1, test: 0.2, shuffle: true, seed: 42, strata });
    const b = splitRows({ rows, validation: 0.1, test: 0.2, shuffle: true, seed: 42, strata });
    const c = splitRows({ rows, validation: 0.1, test: 0.2, shuffle: true, seed: 43, strata });
    expect([...a.test]).toEqual([...b.test]);
    expect([...a.test]).not.toEqual([...c.test]);
  });

  it('takes the first rows in order when not shuffled', () => {
    const split = splitRows({ rows, validation: 0.1, test: 0.2, shuffle: false, seed: 1 });
    expect([...split.test]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...split.validation]).toEqual([6, 7, 8]);
  });

  it('always leaves a training row', () => {
    const split = splitRows({ rows: Int32Array.from([0, 1]), validation: 0.45, test: 0.45, shuffle: false, seed: 1 });
    expect(split.train.length).toBeGreaterThanOrEqual(1);
  });
});
