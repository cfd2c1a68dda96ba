import { describe, expect, it } from 'vitest';
import { ApiError } from '../../errors/api-error.js';
import { drawValue, planTrials } from './trial-generation.js';

describe('grid order', () => {
  it('varies the first parameter slowest, like nested loops in the order written', () => {
    const trials = planTrials({
      method: 'grid',
      parameters: { 'model.hidden.layers': { values: [1, 2] }, 'model.hidden.units': { values: [16, 32, 64] } },
    });
    expect(trials.map((t) => [t.params['model.hidden.layers'], t.params['model.hidden.units']])).toEqual([
      [1, 16], [1, 32], [1, 64], [2, 16], [2, 32], [2, 64],
    ]);
    expect(trials.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('enumerates an int_uniform range, cuts at maxRuns and refuses a continuous range', () => {
    const trials = planTrials({ method: 'grid', parameters: { a: { min: 1, max: 3, distribution: 'int_uniform' }, b: { values: ['x', 'y'] } }, maxRuns: 4 });
    expect(trials.map((t) => t.params)).toEqual([{ a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }]);
    let error: unknown;
    try {
      planTrials({ method: 'grid', parameters: { 'optimizer.learningRate': { min: 0.001, max: 0.1, distribution: 'log_uniform' } } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).errors?.[0]?.path).toBe('parameters.optimizer.learningRate');
  });

  it('refuses a grid of more than 1000 combinations unless maxRuns is set', () => {
    const parameters = { a: { min: 1, max: 40, distribution: 'int_uniform' as const }, b: { min: 1, max: 40, distribution: 'int_uniform' as const } };
    expect(() => planTrials({ method: 'grid', parameters })).toThrow(/1600 combinations/);
    expect(planTrials({ method: 'grid', parameters, maxRuns: 3 }).map((t) => t.params)).toEqual([{ a: 1, b: 1 }, { a: 1, b: 2 }, { a: 1, b: 3 }]);
  });
});

describe('random with a seed', () => {
  const parameters = {
    'model.hidden.layers': { values: [1, 2, 3, 4, 5] },
    'optimizer.learningRate': { min: 1e-4, max: 1e-1, distribution: 'log_uniform' as const },
    'model.dropout.rate': { min: 0.1, max: 0.5, distribution: 'uniform' as const },
    'model.hidden.units': { min: 8, max: 12, distribution: 'int_uniform' as const },
  };

  it('gives the same list for the same seed and another list for another seed', () => {
    const a = planTrials({ method: 'random', parameters, maxRuns: 12, seed: 7 });
    const b = planTrials({ method: 'random', parameters, maxRuns: 12, seed: 7 });
    const c = planTrials({ method: 'random', parameters, maxRuns: 12, seed: 8 });
    expect(a).toHaveLength(12);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(Object.keys(a[0]?.params ?? {})).toEqual(Object.keys(parameters));
    expect(planTrials({ method: 'random', parameters, seed: 1 })).toHaveLength(20);
  });

  it('keeps every draw inside its bounds, covers the integers and is uniform in log space', () => {
    const trials = planTrials({ method: 'random', parameters, maxRuns: 1000, seed: 3 });
    const lrs = trials.map((t) => t.params['optimizer.learningRate'] as number);
    const rates = trials.map((t) => t.params['model.dropout.rate'] as number);
    const units = trials.map((t) => t.params['model.hidden.units'] as number);
    const layers = trials.map((t) => t.params['model.hidden.layers'] as number);
    expect(Math.min(...lrs)).toBeGreaterThanOrEqual(1e-4);
    expect(Math.max(...lrs)).toBeLessThanOrEqual(1e-1);
    expect(Math.min(...rates)).toBeGreaterThanOrEqual(0.1);
    expect(Math.max(...rates)).toBeLessThan(0.5);
    expect(new Set(units)).toEqual(new Set([8, 9, 10, 11, 12]));
    expect(units.every(Number.isInteger)).toBe(true);
    expect(new Set(layers)).toEqual(new Set([1, 2, 3, 4, 5]));
    // log-uniform on [1e-4, 1e-1]: P(lr < 1e-3) = (ln 1e-3 − ln 1e-4) / (ln 1e-1 − ln 1e-4) = 1/3
    const below = lrs.filter((lr) => lr < 1e-3).length / lrs.length;
    expect(below).toBeGreaterThan(0.28);
    expect(below).toBeLessThan(0.39);
    // uniform on [0.1, 0.5): half the draws below the midpoint 0.3
    const lower = rates.filter((r) => r < 0.3).length / rates.length;
    expect(lower).toBeGreaterThan(0.45);
    expect(lower).toBeLessThan(0.55);
  });
});

describe('drawValue', () => {
  it('maps u ∈ [0, 1) onto each distribution (hand-computed)', () => {
    expect(drawValue({ min: 2, max: 4, distribution: 'uniform' }, 0.25)).toBe(2.5); // 2 + 0.25·2
    expect(drawValue({ min: 1e-4, max: 1e-2, distribution: 'log_uniform' }, 0.5)).toBeCloseTo(1e-3, 12); // geometric midpoint
    expect(drawValue({ min: 1, max: 5, distribution: 'int_uniform' }, 0)).toBe(1);
    expect(drawValue({ min: 1, max: 5, distribution: 'int_uniform' }, 0.2)).toBe(2); // 1 + ⌊0.2·5⌋
    expect(drawValue({ min: 1, max: 5, distribution: 'int_uniform' }, 0.9999)).toBe(5);
    expect(drawValue({ values: ['a', 'b', 'c'] }, 0.5)).toBe('b'); // ⌊0.5·3⌋ = 1
  });
});
