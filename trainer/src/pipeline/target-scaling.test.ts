import { describe, expect, it } from 'vitest';
import { targetScaling } from './preprocess.js';

const y = Float64Array.from([2, 4, 10]);
const scaled = (t: { center: number; scale: number }) => [...y].map((v) => (v - t.center) / t.scale);

describe('regression target scaling matches the output activation', () => {
  it('sigmoid maps the training range onto [0, 1]', () => {
    expect(targetScaling('auto', 'sigmoid', y)).toEqual({ center: 2, scale: 8 });
    expect(scaled(targetScaling('minmax', 'sigmoid', y))).toEqual([0, 0.25, 1]);
  });

  it('tanh maps it onto [−1, 1]', () => {
    expect(targetScaling('auto', 'tanh', y)).toEqual({ center: 6, scale: 4 });
    expect(scaled(targetScaling('minmax', 'tanh', y))).toEqual([-1, -0.5, 1]);
  });

  it('softplus only divides by mean |y| (16/3), so positive targets stay positive', () => {
    const t = targetScaling('auto', 'softplus', y);
    expect(t.center).toBe(0);
    expect(t.scale).toBeCloseTo(16 / 3, 12);
    scaled(t).forEach((v, i) => expect(v).toBeCloseTo([0.375, 0.75, 1.875][i] ?? Number.NaN, 12));
  });

  it('linear standardises (population std √(104/9))', () => {
    const t = targetScaling('auto', 'linear', y);
    expect(t.center).toBeCloseTo(16 / 3, 12);
    expect(t.scale).toBeCloseTo(Math.sqrt(104 / 9), 12);
  });

  it('none keeps raw values whatever the output', () => {
    expect(targetScaling('none', 'sigmoid', y)).toEqual({ center: 0, scale: 1 });
  });
});
