import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatLr, formatNumber, formatPercent } from './format.js';

describe('formatting', () => {
  it('shows metrics with 4 significant digits, exponents for tiny and huge values', () => {
    expect([0.41234567, 12.3456, 0, 3, 0.000123, 1234567, -0.5, undefined, Number.NaN].map(formatNumber)).toEqual([
      '0.4123',
      '12.35',
      '0',
      '3',
      '1.23e-4',
      '1.23e+6',
      '-0.5',
      '—',
      'NaN',
    ]);
  });

  it('writes learning rates as mantissa·exponent', () => {
    expect([0.001, 0.0003162, 0.01, 1].map(formatLr)).toEqual(['1.0e-3', '3.2e-4', '1.0e-2', '1.0e+0']);
  });

  it('writes durations, sizes and percentages for people', () => {
    expect([0.0412, 1.234, 42.4, 185, 3725].map(formatDuration)).toEqual(['41ms', '1.2s', '42s', '3m05s', '1h02m']);
    expect([812, 1_423_511, 2_000_000_000].map(formatBytes)).toEqual(['812 B', '1.4 MB', '2.0 GB']);
    expect(formatPercent(0.8612)).toBe('86.1%');
  });
});
