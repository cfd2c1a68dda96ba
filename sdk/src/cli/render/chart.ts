import { formatNumber } from './format.js';

export interface ChartSeries {
  label: string;
  points: { x: number; y: number }[];
  /** The character drawn for this series. */
  mark: string;
}

export interface ChartOptions {
  series: ChartSeries[];
  /** Plot columns (default 60) and rows (default 12). */
  width?: number;
  height?: number;
  /** Log-scaled x axis (learning rates). Default false. */
  logX?: boolean;
  /** Vertical markers, e.g. the suggested learning rate. */
  markers?: { x: number; mark: string }[];
  formatX?: (x: number) => string;
  formatY?: (y: number) => string;
}

/** A small line chart in text: y labels on the left, x labels below, one mark per series. */
export function renderChart(options: ChartOptions): string {
  const width = options.width ?? 60;
  const height = options.height ?? 12;
  const fx = options.logX === true ? (x: number) => Math.log10(x) : (x: number) => x;
  const formatX = options.formatX ?? formatNumber;
  const formatY = options.formatY ?? formatNumber;
  const points = options.series.flatMap((series) => series.points).filter((p) => Number.isFinite(p.y) && Number.isFinite(fx(p.x)));
  if (points.length === 0) return '  (no points to plot)\n';
  const xs = points.map((p) => fx(p.x));
  const ys = points.map((p) => p.y);
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const [yMin, yMax] = [Math.min(...ys), Math.max(...ys)];
  const column = (x: number) => (xMax === xMin ? 0 : Math.round(((fx(x) - xMin) / (xMax - xMin)) * (width - 1)));
  const row = (y: number) => (yMax === yMin ? Math.floor(height / 2) : Math.round(((yMax - y) / (yMax - yMin)) * (height - 1)));
  const grid = Array.from({ length: height }, () => Array.from({ length: width }, () => ' '));
  for (const marker of options.markers ?? []) {
    const c = column(marker.x);
    if (c >= 0 && c < width) for (const line of grid) line[c] = marker.mark;
  }
  for (const series of options.series) {
    const sorted = series.points.filter((p) => Number.isFinite(p.y) && Number.isFinite(fx(p.x))).sort((a, b) => a.x - b.x);
    sorted.forEach((point, index) => {
      const next = sorted[index + 1];
      const c0 = column(point.x);
      const c1 = next === undefined ? c0 : column(next.x);
      // fill the columns between two points so sparse series still read as lines
      for (let c = c0; c <= c1; c += 1) {
        const t = c1 === c0 ? 0 : (c - c0) / (c1 - c0);
        const y = next === undefined ? point.y : point.y + t * (next.y - point.y);
        const line = grid[row(y)];
        if (line !== undefined) line[c] = series.mark;
      }
    });
  }
  const labels = [formatY(yMax), formatY((yMax + yMin) / 2), formatY(yMin)];
  const labelWidth = Math.max(...labels.map((label) => label.length));
  const middle = Math.floor((height - 1) / 2);
  const lines = grid.map((cells, r) => {
    const label = r === 0 ? labels[0] : r === height - 1 ? labels[2] : r === middle ? labels[1] : '';
    return `  ${(label ?? '').padStart(labelWidth)} ┤${cells.join('').trimEnd()}`;
  });
  const axis = `  ${' '.repeat(labelWidth)} └${'─'.repeat(width)}`;
  const left = formatX(options.logX === true ? 10 ** xMin : xMin);
  const right = formatX(options.logX === true ? 10 ** xMax : xMax);
  const xLabels = `  ${' '.repeat(labelWidth)}  ${left}${' '.repeat(Math.max(1, width - left.length - right.length))}${right}`;
  const legend =
    options.series.length > 1 ? `\n  ${' '.repeat(labelWidth)}  ${options.series.map((series) => `${series.mark} ${series.label}`).join('   ')}` : '';
  return `${[...lines, axis, xLabels].join('\n')}${legend}\n`;
}
