import { describe, expect, it } from 'vitest';
import { renderChart } from './chart.js';

describe('renderChart', () => {
  it('draws a line through its points, interpolating between them', () => {
    // x 1..5 → columns 0..4; y 0..2 → rows 2..0; between the points y = c/2, rounded to a row
    const text = renderChart({ series: [{ label: 'a', mark: '•', points: [{ x: 1, y: 0 }, { x: 5, y: 2 }] }], width: 5, height: 3 });
    expect(text).toBe(['  2 ┤    •', '  1 ┤  ••', '  0 ┤••', '    └─────', '     1   5', ''].join('\n'));
  });

  it('puts a marker at its column on a log axis (under the data) and lists several series in a legend', () => {
    const text = renderChart({
      series: [
        { label: 'run a', mark: 'a', points: [{ x: 1e-4, y: 2 }, { x: 1, y: 2 }] },
        { label: 'run b', mark: 'b', points: [{ x: 1e-4, y: 0 }, { x: 1, y: 0 }] },
      ],
      markers: [{ x: 1e-2, mark: '|' }],
      logX: true,
      width: 5,
      height: 3,
      formatX: (x) => x.toExponential(0),
    });
    // log10: -4..0 over 5 columns → 1e-2 is column 2; the data rows cover the marker there
    expect(text).toBe(['  2 ┤aaaaa', '  1 ┤  |', '  0 ┤bbbbb', '    └─────', '     1e-4 1e+0', '     a run a   b run b', ''].join('\n'));
  });

  it('says so when there is nothing to plot', () => {
    expect(renderChart({ series: [{ label: 'a', mark: '•', points: [] }] })).toBe('  (no points to plot)\n');
  });
});
