import { createRandom, shuffleInPlace } from '../random.js';

export interface SplitIndices {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

export interface SplitOptions {
  /** The rows to split (already stripped of unusable rows). */
  rows: Int32Array;
  validation: number;
  test: number;
  shuffle: boolean;
  seed: number;
  /** Class of each row (by position in `rows`), to keep class ratios in every split. */
  strata?: ArrayLike<number> | undefined;
}

function sizes(count: number, options: { validation: number; test: number }) {
  let test = Math.round(count * options.test);
  let validation = Math.round(count * options.validation);
  // never take the last training row
  while (test + validation >= count && (test > 0 || validation > 0)) {
    if (test >= validation && test > 0) test -= 1;
    else validation -= 1;
  }
  return { test, validation };
}

function cut(rows: Int32Array, options: { validation: number; test: number }): SplitIndices {
  const { test, validation } = sizes(rows.length, options);
  return {
    test: rows.slice(0, test),
    validation: rows.slice(test, test + validation),
    train: rows.slice(test + validation),
  };
}

/**
 * Seeded train/validation/test split. Stratified: each class is split on its own, so every
 * split keeps the class ratios (a class with one row stays in train).
 */
export function splitRows(options: SplitOptions): SplitIndices {
  const random = createRandom(options.seed);
  if (options.strata === undefined) {
    const rows = options.rows.slice();
    if (options.shuffle) shuffleInPlace(rows, random);
    return cut(rows, options);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < options.rows.length; i += 1) {
    const label = options.strata[i] as number;
    const group = groups.get(label) ?? [];
    group.push(options.rows[i] as number);
    groups.set(label, group);
  }
  const parts: SplitIndices[] = [...groups.keys()]
    .sort((a, b) => a - b)
    .map((label) => {
      const rows = Int32Array.from(groups.get(label) ?? []);
      if (options.shuffle) shuffleInPlace(rows, random);
      return cut(rows, options);
    });
  const join = (key: keyof SplitIndices) => {
    const joined = Int32Array.from(parts.flatMap((part) => [...part[key]]));
    // interleave classes so that batches are mixed even before the per-epoch shuffle
    return options.shuffle ? shuffleInPlace(joined, random) : joined.sort();
  };
  return { train: join('train'), validation: join('validation'), test: join('test') };
}
