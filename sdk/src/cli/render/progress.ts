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
  /** On a terminal: its columns; the line is fitted to them. Off a terminal lines are never cut. */
  width?: number;
}

function metricText(value: number | undefined, percent: boolean): string {
  if (value === undefined) return '—';
  return percent ? formatPercent(value) : formatNumber(value);
}

/**
 * One finished epoch: `epoch  3/30 *  loss 0.4123    valLoss 0.4511    acc 86.1%/84.0%  lr 1.0e-3  1.7s/epoch   ETA 46s`
 * (`*`: a new best of the monitored metric). Given a terminal width, the pace, then the ETA (the
 * status line shows it) are dropped when the line does not fit, then the line is cut.
 */
export function epochLine(input: EpochLineInput): string {
  const { metrics, epochs, style } = input;
  const metric = taskMetric(input.task);
  const train = metricText(metrics[metric.train], metric.percent);
  const val = metricText(metrics[metric.val], metric.percent);
  const head = `epoch ${String(metrics.epoch).padStart(String(epochs).length)}/${epochs} ${input.improved ? style.green('*') : ' '}`;
  const before = [
    head,
    `loss ${formatNumber(metrics.loss).padEnd(8)}`,
    `valLoss ${formatNumber(metrics.valLoss).padEnd(8)}`,
    `${metric.label} ${train}/${val}`.padEnd(metric.label.length + 12),
    `lr ${formatLr(metrics.lr)}`,
  ];
  const pace = `${formatDuration(metrics.seconds)}/epoch`.padEnd(11);
  const eta = `ETA ${input.eta === null ? '—' : formatDuration(input.eta)}`;
  const candidates = [[...before, pace, eta], [...before, eta], before].map((parts) => parts.join('  '));
  if (input.width === undefined) return candidates[0] as string;
  const width = input.width - 1; // the last column stays free so the terminal never wraps
  const fitting = candidates.find((line) => visibleLength(line) <= width);
  if (fitting !== undefined) return fitting;
  // cut the plain text only, so no colour code is split
  return `${[head.replace(/\u001b\[[0-9;]*m/g, ''), ...before.slice(1)].join('  ').slice(0, width - 1)}…`;
}

/** The terminal's live status line: `━━━━━╸──────  42%  epoch 25/60 · ETA 1.4s · running on wasm`. */
export function statusBar(input: { fraction: number; text: string; width: number; style: Style }): string {
  const percent = `${String(Math.round(Math.min(1, Math.max(0, input.fraction)) * 100)).padStart(3)}%`;
  const cells = Math.min(30, input.width - 1 - 2 - percent.length - 2 - input.text.length - 2);
  if (cells < 8) return `  ${input.text}`.slice(0, input.width - 1);
  return `  ${input.style.cyan(progressBar(input.fraction, cells))} ${percent}  ${input.text}`;
}
