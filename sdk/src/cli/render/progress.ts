import type { EpochMetrics, Job } from '../../spec/index.js';
import { formatDuration, formatLr, formatNumber, formatPercent } from './format.js';
import { visibleLength, type Style } from './style.js';

type MetricKey = Exclude<keyof EpochMetrics, 'epoch' | 'lr' | 'seconds'>;

/** The metric a task is judged by, shown next to the losses. */
export function taskMetric(task: Job['spec']['task']): { train: MetricKey; val: MetricKey; label: string; percent: boolean } {
  return task === 'regression'
    ? { train: 'mae', val: 'valMae', label: 'mae', percent: false }
    : { train: 'accuracy', val: 'valAccuracy', label: 'acc', percent: true };
}

/** Seconds left at the pace of the last five epochs (an upper bound: early stopping may end sooner). */
export function etaSeconds(history: EpochMetrics[], epochs: number): number | null {
  const last = history.at(-1);
  if (last === undefined) return null;
  const recent = history.slice(-5);
  const pace = recent.reduce((sum, entry) => sum + entry.seconds, 0) / recent.length;
  return Math.max(0, epochs - last.epoch) * pace;
}

/** A bar of `width` cells for a fraction, e.g. ━━━━━━╸─────. */
export function progressBar(fraction: number, width: number): string {
  const clamped = Math.min(1, Math.max(0, fraction));
  const filled = Math.floor(clamped * width);
  const half = clamped * width - filled >= 0.5 && filled < width;
  return '━'.repeat(filled) + (half ? '╸' : '') + '─'.repeat(width - filled - (half ? 1 : 0));
}

export interface EpochLineInput {
  metrics: EpochMetrics;
  epochs: number;
  task: Job['spec']['task'];
  eta: number | null;
  /** The monitored metric reached a new best at this epoch. */
  improved: boolean;
  style: Style;
  /** A terminal: draw a bar and fit the line into `width` columns. Off a terminal lines are never cut. */
  bar: boolean;
  /** Terminal columns (default 80). */
  width?: number;
}

function metricText(value: number | undefined, percent: boolean): string {
  if (value === undefined) return '—';
  return percent ? formatPercent(value) : formatNumber(value);
}

/**
 * One finished epoch: `epoch  3/30  loss 0.4123   valLoss 0.4511   acc 86.1%/84.0%  lr 1.0e-3  1.7s/epoch  ETA 46s`.
 * On a terminal a progress bar joins it; when the terminal is narrow the pace goes first, then the bar, then the line is cut.
 */
export function epochLine(input: EpochLineInput): string {
  const { metrics, epochs, style } = input;
  const metric = taskMetric(input.task);
  const head = `epoch ${String(metrics.epoch).padStart(String(epochs).length)}/${epochs}`;
  const train = metricText(metrics[metric.train], metric.percent);
  const val = metricText(metrics[metric.val], metric.percent);
  const fields = [
    `loss ${formatNumber(metrics.loss).padEnd(7)}`,
    `valLoss ${formatNumber(metrics.valLoss).padEnd(7)}`,
    `${metric.label} ${train}/${val}`.padEnd(metric.label.length + 14),
    `lr ${formatLr(metrics.lr)}`,
    `${formatDuration(metrics.seconds)}/epoch`.padEnd(11),
    `ETA ${input.eta === null ? '—' : formatDuration(input.eta)}`,
  ];
  const best = input.improved ? `  ${style.green('* best')}` : '';
  const line = (parts: string[]) => `${parts.join('  ')}${best}`;
  if (!input.bar) return line([head, ...fields]);
  const width = (input.width ?? 80) - 1;
  const percent = `${String(Math.round((metrics.epoch / epochs) * 100)).padStart(3)}%`;
  const withBar = (shown: string[]) => {
    const room = width - visibleLength(line([head, percent, ...shown])) - 2;
    return room >= 10 ? line([head, `${style.cyan(progressBar(metrics.epoch / epochs, Math.min(20, room)))} ${percent}`, ...shown]) : null;
  };
  const withoutPace = [...fields.slice(0, 4), fields[5] as string];
  const fitted = withBar(fields) ?? withBar(withoutPace);
  if (fitted !== null) return fitted;
  const bare = line([head, ...withoutPace]);
  if (visibleLength(bare) <= width) return bare;
  // cut the plain text only, so no colour code is split
  return `${[head, ...withoutPace].join('  ').slice(0, width - 1)}…`;
}
